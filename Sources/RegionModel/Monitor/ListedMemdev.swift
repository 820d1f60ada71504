/// A memory backend as `query-memdev` lists it (QAPI `Memdev`), with the
/// two properties it does not return (`mem-path`, and `offset` since QEMU
/// 8.1) when the user adds them from `qom-get /objects/ID`.
public struct ListedMemdev: Hashable, Sendable {
  /// `id`: the backend's id, which is its RAMBlock's name.
  public var id: String?
  /// `size`.
  public var size: UInt64
  /// `share`: whether the memory is mapped shared (a vhost-user backend
  /// sees the guest's writes only then).
  public var share: Bool
  /// `mem-path` of a memory-backend-file.
  public var memPath: String?
  /// `offset` of a memory-backend-file (the RAMBlock's `fd_offset`).
  public var offset: UInt64?

  public init(id: String?, size: UInt64, share: Bool, memPath: String? = nil, offset: UInt64? = nil)
  {
    self.id = id
    self.size = size
    self.share = share
    self.memPath = memPath
    self.offset = offset
  }
}

/// Reads a `query-memdev` reply (`{"return": [...]}`, or the array alone).
public enum MemdevListing {
  public static func parse(_ bytes: [UInt8]) throws(TraceError) -> [ListedMemdev] {
    let reply = try JSONReader.parse(bytes)
    if let error = reply["error"]?["desc"]?.stringValue {
      throw TraceError(line: 1, message: "the QMP reply is an error: \(PrintableText.of(error))")
    }
    guard case .array(let entries) = reply["return"] ?? reply else {
      throw TraceError(line: 1, message: "the JSON is not a query-memdev reply (no return array)")
    }
    var memdevs: [ListedMemdev] = []
    for (index, entry) in entries.enumerated() {
      let which = "query-memdev entry \(index + 1)"
      guard case .object = entry else {
        throw TraceError(line: 1, message: "\(which) is not an object")
      }
      guard let size = entry["size"]?.unsignedInteger else {
        throw TraceError(line: 1, message: "\(which) has no size (an unsigned integer)")
      }
      guard let share = entry["share"]?.boolValue else {
        throw TraceError(line: 1, message: "\(which) has no share (true or false)")
      }
      if let offset = entry["offset"], offset.unsignedInteger == nil {
        throw TraceError(line: 1, message: "\(which): offset is not an unsigned integer")
      }
      memdevs.append(
        ListedMemdev(
          id: entry["id"]?.stringValue, size: size, share: share,
          memPath: entry["mem-path"]?.stringValue, offset: entry["offset"]?.unsignedInteger))
    }
    return memdevs
  }
}
