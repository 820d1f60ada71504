/// The canonical lines of the I/O path's calls, `> submit`, `> wait` and
/// `> done ... ret=0`, written in one reservation from preset text, the
/// names' bytes and hand-formatted numbers: a bounced request makes three of
/// them, so they are most of a bounce trace's output. The bytes are those
/// of ``CanonicalForm/append(_:names:to:)``, which writes every other call.
enum IOCallLine {
  /// Appends the line of `call` (no line feed) if it is one of these;
  /// returns false, appending nothing, for any other call.
  static func append(_ call: CallRecord, names: Names, to bytes: inout [UInt8]) -> Bool {
    switch call {
    case .submit(let request, let node, let buffer):
      // 73 bytes of text and numbers at most, then the names.
      let room = 80 + names.requests.length(request) + names.nodes.length(node)
      bytes.appendBytes(atMost: room) { cursor in
        cursor.write("> submit ")
        names.requests.withBytes(request) { cursor.write($0) }
        cursor.write(" node=")
        names.nodes.withBytes(node) { cursor.write($0) }
        cursor.write(" addr=")
        cursor.writeHex(buffer.addr)
        cursor.write(" len=")
        cursor.writeHex(buffer.len)
        cursor.write(buffer.zeroes ? " via=zeroes" : buffer.bounce ? " via=bounce" : " via=direct")
      }
      return true
    case .wait(let request, let node):
      let room = 16 + names.requests.length(request) + names.nodes.length(node)
      bytes.appendBytes(atMost: room) { cursor in
        cursor.write("> wait ")
        names.requests.withBytes(request) { cursor.write($0) }
        cursor.write(" node=")
        names.nodes.withBytes(node) { cursor.write($0) }
      }
      return true
    case .done(let request, .success):
      bytes.appendBytes(atMost: 16 + names.requests.length(request)) { cursor in
        cursor.write("> done ")
        names.requests.withBytes(request) { cursor.write($0) }
        cursor.write(" ret=0")
      }
      return true
    default:
      return false
    }
  }
}
