/// The canonical lines of the calls and results a trace is mostly made of
/// (`> map`, `> unmap`, `> submit`, `> wait`, `> done`, `> ok` and
/// `> error`), each written with its line feed in one reservation from
/// preset text, the names' bytes and hand-formatted numbers. The bytes are
/// those of ``CanonicalForm``, which writes every other call; a property
/// test holds the two to the same bytes.
enum HotCallLine {
  /// Appends the line of `call` and a line feed if it is one of these;
  /// returns false, appending nothing, for any other call.
  static func append(_ call: CallRecord, names: Names, to bytes: inout ByteBuffer) -> Bool {
    switch call {
    case .map(let region, let ret):
      // At most 112 bytes: 5, the region's 91, 5, `-` and an errno name of
      // at most 9, the line feed.
      bytes.write(atMost: 128) { cursor in
        cursor.write("> map")
        write(region, to: &cursor)
        cursor.write(" ret=")
        write(ret, to: &cursor)
        cursor.write(UInt8(ascii: "\n"))
      }
      return true
    case .unmap(let region):
      bytes.write(atMost: 112) { cursor in
        cursor.write("> unmap")
        write(region, to: &cursor)
        cursor.write(UInt8(ascii: "\n"))
      }
      return true
    case .submit(let request, let node, let buffer):
      // 73 bytes of text and numbers at most, then the names.
      let room = 80 + names.requests.length(request) + names.nodes.length(node)
      bytes.write(atMost: room) { cursor in
        cursor.write("> submit ")
        write(request, node: node, names: names, to: &cursor)
        cursor.write(" addr=")
        cursor.writeHex(buffer.addr)
        cursor.write(" len=")
        cursor.writeHex(buffer.len)
        cursor.write(
          buffer.zeroes ? " via=zeroes\n" : buffer.bounce ? " via=bounce\n" : " via=direct\n")
      }
      return true
    case .wait(let request, let node):
      let room = 16 + names.requests.length(request) + names.nodes.length(node)
      bytes.write(atMost: room) { cursor in
        cursor.write("> wait ")
        write(request, node: node, names: names, to: &cursor)
        cursor.write(UInt8(ascii: "\n"))
      }
      return true
    case .done(let request, .success):
      bytes.write(atMost: 16 + names.requests.length(request)) { cursor in
        cursor.write("> done ")
        names.requests.withBytes(request) { cursor.write($0) }
        cursor.write(" ret=0\n")
      }
      return true
    default:
      return false
    }
  }

  /// Appends the line of a result and a line feed.
  static func append(_ outcome: Outcome, to bytes: inout ByteBuffer) {
    switch outcome {
    case .ok:
      bytes.write(atMost: 5) { $0.write("> ok\n") }
    case .error(var message):
      message.withUTF8 { text in
        bytes.write(atMost: 9 + text.count) { cursor in
          cursor.write("> error ")
          cursor.write(text)
          cursor.write(UInt8(ascii: "\n"))
        }
      }
    }
  }

  /// `REQ node=NODE`: the names' lengths and 6 bytes.
  @inline(__always)
  private static func write(
    _ request: NameID, node: NameID, names: Names, to cursor: inout ByteCursor
  ) {
    names.requests.withBytes(request) { cursor.write($0) }
    cursor.write(" node=")
    names.nodes.withBytes(node) { cursor.write($0) }
  }

  /// ` addr=… len=… fd=… fd-offset=…`: at most 91 bytes.
  @inline(__always)
  private static func write(_ region: MemRegion, to cursor: inout ByteCursor) {
    cursor.write(" addr=")
    cursor.writeHex(region.addr)
    cursor.write(" len=")
    cursor.writeHex(region.len)
    cursor.write(" fd=")
    cursor.writeDecimal(Int64(region.fd))
    cursor.write(" fd-offset=")
    cursor.writeHex(region.fdOffset)
  }

  /// `0` or `-` and the errno's name: at most 10 bytes.
  @inline(__always)
  private static func write(_ ret: ReturnValue, to cursor: inout ByteCursor) {
    switch ret {
    case .success:
      cursor.write(UInt8(ascii: "0"))
    case .failure(let errno):
      cursor.write(UInt8(ascii: "-"))
      var name = errno.name
      name.withUTF8 { cursor.write($0) }
    }
  }
}
