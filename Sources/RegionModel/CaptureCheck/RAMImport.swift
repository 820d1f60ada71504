/// Writes the `ramblock add` records of a trace from what QEMU's monitor
/// shows (`info ramblock` or `x-query-ramblock`, and `query-memdev`) and,
/// when given, a capture: `regionsim import`.
///
/// Each listed block becomes `ramblock add NAME host= max= used= fd=` in
/// the listing's (RAM-list) order. The fd comes from the capture's first
/// map inside the block; where nothing can tell it, the record says so in a
/// comment and gives -1.
public enum RAMImport {
  /// What the import read, for the comments of its output.
  public struct Sources: Sendable {
    public var listing: String
    public var memdev: String?
    public var capture: String?

    public init(listing: String, memdev: String? = nil, capture: String? = nil) {
      self.listing = listing
      self.memdev = memdev
      self.capture = capture
    }
  }

  /// The trace's text and the warnings to print beside it.
  public static func trace(
    layout: RAMBlockListing.Layout, blocks: [ListedRAMBlock], memdevs: [ListedMemdev],
    captured: CapturedGuestMaps?, sources: Sources
  ) -> (text: String, warnings: [String]) {
    var lines = [
      "# The RAM map of a QEMU process, written by 'regionsim import' from:",
      "#   \(sources.listing) (info ramblock, "
        + (layout == .withHostAddress
          ? "QEMU 8.0 or later: with host addresses)"
          : "QEMU 7.2 or earlier: no host addresses, taken from the capture's maps)"),
    ]
    if let memdev = sources.memdev { lines.append("#   \(memdev) (query-memdev)") }
    if let capture = sources.capture { lines.append("#   \(capture) (capture: each block's fd)") }
    lines += ["blkio-trace 1", ""]
    var warnings: [String] = []
    var usedNames: Set<String> = []
    var usedMaps: Set<Int> = []
    for block in blocks {
      var comments: [String] = []
      let name = uniqueName(for: block.name, among: &usedNames)
      if name != block.name { comments.append("RAMBlock '\(PrintableText.of(block.name))'") }
      comments.append("page size \(block.pageSize), ram_addr offset \(CFormat.hex(block.offset))")
      // Before 8.0 the listing has no host address: the RAM registrar maps
      // each block whole (max length), so the first unused guest map of
      // that length, in order, is taken as the block's.
      var host = block.host
      if host == nil, let captured,
        let map = captured.maps.first(where: {
          $0.region.len == block.max && $0.region.fdOffset == 0 && !usedMaps.contains($0.line)
        })
      {
        usedMaps.insert(map.line)
        host = map.region.addr
        comments.append(
          "host: assumed from the map of the same length at line \(map.line) of the capture")
      }
      guard let host else {
        let reason =
          "the listing has no host addresses (QEMU before 8.0) and "
          + (captured == nil ? "no capture was given" : "no map in the capture has its length")
        warnings.append(
          "\(sources.listing):\(block.line): \(block.name): host address not known: \(reason); "
            + "its record is left commented out")
        lines.append("# \(name): \(comments.joined(separator: "; "))")
        lines.append("# host address not known: \(reason)")
        lines.append(
          "# ramblock add \(name) host=? max=\(CFormat.hex(block.max)) used=\(CFormat.hex(block.used))"
        )
        lines.append("")
        continue
      }
      var record = "ramblock add \(name) host=\(CFormat.hex(host)) max=\(CFormat.hex(block.max))"
      if block.used != block.max { record += " used=\(CFormat.hex(block.used))" }
      let memdev = memdevs.first(where: { $0.id == block.name })
      if let memdev {
        comments.append("memdev share=\(memdev.share)")
        if !memdev.share {
          comments.append("a private mapping: a vhost-user backend does not see the guest's writes")
        }
        if let path = memdev.memPath { comments.append("mem-path \(PrintableText.of(path))") }
      }
      switch fd(of: host, max: block.max, in: captured) {
      case .known(let fd, let map):
        record += " fd=\(fd)"
        comments.append(
          "fd \(fd) from the capture's map at line \(map.line)"
            + (map.fdPath.map { " (\(PrintableText.of($0)))" } ?? ""))
      case .unknown(let why):
        record += " fd=-1"
        comments.append("fd not known: \(why); -1 written")
      }
      if let offset = memdev?.offset, offset != 0 { record += " fd-offset=\(CFormat.hex(offset))" }
      if block.readOnly == true { comments.append("read-only") }
      lines.append("# \(name): " + comments.joined(separator: "; "))
      lines.append(record)
      lines.append("")
    }
    return (lines.joined(separator: "\n"), warnings)
  }

  private enum FileDescriptor {
    case known(Int32, CapturedGuestMaps.GuestMap)
    case unknown(String)
  }

  /// The block's fd as a captured map of it shows (the driver passes the
  /// block's fd when it needs fds: `blkio_mem_region_from_host()`).
  private static func fd(of host: UInt64, max: UInt64, in captured: CapturedGuestMaps?)
    -> FileDescriptor
  {
    guard let captured else { return .unknown("no capture given") }
    guard host != 0 else { return .unknown("the block has no memory (host 0)") }
    guard let map = captured.first(inside: host, max: max) else {
      return .unknown(
        "the capture has no map of it (a driver that needs fds skips blocks without one)")
    }
    guard map.region.fd >= 0 else {
      return .unknown("its map at line \(map.line) carries no fd (the driver needs none)")
    }
    return .known(map.region.fd, map)
  }

  /// A trace name for a RAMBlock's idstr: characters a trace name cannot
  /// hold become `_`, and a name already used gets `-2`, `-3`, ...
  static func uniqueName(for idstr: String, among used: inout Set<String>) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
    var base = String(idstr.map { allowed.contains($0) ? $0 : "_" })
    if base.isEmpty { base = "block" }
    var name = base
    var suffix = 2
    while used.contains(name) {
      name = "\(base)-\(suffix)"
      suffix += 1
    }
    used.insert(name)
    return name
  }

}
