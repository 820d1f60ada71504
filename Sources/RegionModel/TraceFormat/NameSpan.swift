/// Where a name lies in its line: what a line read ahead carries instead of
/// a ``NameID``, since names are interned by the thread that runs the
/// model (``Names`` also forgets names as the model releases them, so a
/// second thread cannot intern them).
struct NameSpan: Hashable, Sendable {
  /// The name's first byte, counted from the start of the line.
  var start: Int32
  /// The name's length in bytes.
  var count: Int32

  /// The name's bytes in `line`, the line it was read from.
  @inline(__always)
  func bytes(in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: line[Int(start)..<Int(start + count)])
  }
}

/// A ``NameResolver`` that notes where each name lies in the line being
/// parsed instead of interning it.
struct NameSpanResolver: NameResolver {
  /// The first byte of the line being parsed.
  let lineStart: UnsafePointer<UInt8>?

  init(line: UnsafeBufferPointer<UInt8>) {
    lineStart = line.baseAddress
  }

  func name(_ bytes: UnsafeBufferPointer<UInt8>, in space: NameSpace) -> NameSpan {
    guard let lineStart, let first = bytes.baseAddress else { return NameSpan(start: 0, count: 0) }
    return NameSpan(start: Int32(first - lineStart), count: Int32(bytes.count))
  }
}

extension HotInputOf<NameSpan> {
  /// The input with its names interned into `names`, in the order the
  /// parser met them (which decides the ids new names get).
  @inline(__always)
  func resolved(in line: UnsafeBufferPointer<UInt8>, names: inout Names) -> HotInput {
    switch self {
    case .register(let node, let host, let size):
      .register(node: names.name(node.bytes(in: line), in: .node), host: host, size: size)
    case .unregister(let node, let host, let size):
      .unregister(node: names.name(node.bytes(in: line), in: .node), host: host, size: size)
    case .io(let request, let kind, let backend, let host, let size):
      .io(
        request: names.name(request.bytes(in: line), in: .request), kind: kind,
        backend: names.name(backend.bytes(in: line), in: .backend), host: host, size: size)
    case .complete(let request, let ret):
      .complete(request: names.name(request.bytes(in: line), in: .request), ret: ret)
    }
  }
}

extension TraceInputOf<NameSpan> {
  /// The input with its names interned into `names`, in the order the
  /// parser met them.
  func resolved(in line: UnsafeBufferPointer<UInt8>, names: inout Names) -> InputRecord {
    mapNames { (space, span) -> NameID in names.name(span.bytes(in: line), in: space) }
  }
}
