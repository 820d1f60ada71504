/// The inputs a large trace is made of by the million (`register`,
/// `unregister`, `read`, `write`, `complete`), as
/// ``HotInputParser`` reads them: the replayer hands these to the model
/// directly.
///
/// A ``TraceInputOf`` has many cases, some with strings and arrays, and the
/// compiler copies and destroys it (and the ``TraceLineOf`` around it)
/// through its generic value witnesses: about a hundred instructions per
/// line. This enum holds only names and numbers, so it is plain memory.
typealias HotInput = HotInputOf<NameID>

/// One of the hot inputs, `Name` naming nodes, backends and requests.
enum HotInputOf<Name: Hashable & Sendable>: Hashable, Sendable {
  /// `register NODE host= size=`.
  case register(node: Name, host: UInt64, size: UInt64)
  /// `unregister NODE host= size=`.
  case unregister(node: Name, host: UInt64, size: UInt64)
  /// `read REQ blk=BLK host= size=` or `write ...`, at offset 0.
  case io(request: Name, kind: IOKind, backend: Name, host: UInt64, size: UInt64)
  /// `complete REQ [ret=RET]`: libblkio completes the request.
  case complete(request: Name, ret: ReturnValue)
}

extension HotInputOf {
  /// The same input as a ``TraceInputOf``.
  var input: TraceInputOf<Name> {
    switch self {
    case .register(let node, let host, let size):
      .register(node: node, host: host, size: size)
    case .unregister(let node, let host, let size):
      .unregister(node: node, host: host, size: size)
    case .io(let request, let kind, let backend, let host, let size):
      .io(request: request, kind: kind, backend: backend, host: host, size: size)
    case .complete(let request, let ret):
      .complete(request: request, ret: ret)
    }
  }
}
