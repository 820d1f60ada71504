/// The names of one trace, one ``NameTable`` per namespace.
public struct Names: Sendable {
  /// Node names (blkio and format nodes share them).
  public internal(set) var nodes: NameTable
  /// BlockBackend names.
  public internal(set) var backends: NameTable
  /// Request names.
  public internal(set) var requests: NameTable
  /// The messages of the current step's `report` and `fault` calls.
  public internal(set) var messages: NameTable
  /// Ids whose entity is gone, to be released before the next input (they
  /// stay readable while the current step's outputs are written): the
  /// first ``pendingCount`` entries, the rest leftovers overwritten as ids
  /// are added, so that a flush is setting the count to zero (emptying the
  /// array was a generic range replacement per input that released one).
  var pendingReleases: [(NameSpace, NameID)]
  var pendingCount: Int

  /// No names yet.
  public init() {
    nodes = NameTable()
    backends = NameTable()
    requests = NameTable()
    messages = NameTable()
    pendingReleases = []
    pendingCount = 0
  }

  /// Forgets every name, as new tables, keeping their storage.
  mutating func removeAll() {
    nodes.removeAll()
    backends.removeAll()
    requests.removeAll()
    messages.removeAll()
    pendingCount = 0
  }

  /// The table of `space`.
  public subscript(space: NameSpace) -> NameTable {
    get {
      switch space {
      case .node: nodes
      case .backend: backends
      case .request: requests
      case .message: messages
      }
    }
    _modify {
      switch space {
      case .node: yield &nodes
      case .backend: yield &backends
      case .request: yield &requests
      case .message: yield &messages
      }
    }
  }

  /// The ``NameTable/epoch`` of the table of `space`, read in place (the
  /// subscript's getter copies the table).
  public func epoch(of space: NameSpace) -> Int {
    switch space {
    case .node: nodes.epoch
    case .backend: backends.epoch
    case .request: requests.epoch
    case .message: messages.epoch
    }
  }

  /// The name of `id` in `space`, as a string.
  public func string(_ id: NameID, in space: NameSpace) -> String {
    self[space].string(id)
  }

  /// The id of a `report` or `fault` message, interned for the current
  /// step only: it is released with the step's other ids.
  mutating func message(_ text: String) -> NameID {
    let id = messages.intern(text)
    releaseLater(id, in: .message)
    return id
  }

  /// Marks `id` for release once the current step's outputs are written.
  mutating func releaseLater(_ id: NameID, in space: NameSpace) {
    if pendingCount < pendingReleases.count {
      pendingReleases[pendingCount] = (space, id)
    } else {
      pendingReleases.append((space, id))
    }
    pendingCount += 1
  }

  /// Releases the ids marked since the last call.
  mutating func flushReleases() {
    guard pendingCount > 0 else { return }
    for index in 0..<pendingCount {
      let (space, id) = pendingReleases[index]
      self[space].release(id)
    }
    pendingCount = 0
  }
}

/// Turns the bytes of a name read from a line into the name type the
/// parsed record uses.
public protocol NameResolver {
  /// The name type of the records produced.
  associatedtype Name: Hashable & Sendable
  /// The name for `bytes` in `space`.
  mutating func name(_ bytes: UnsafeBufferPointer<UInt8>, in space: NameSpace) -> Name
}

extension Names: NameResolver {
  /// Interns the name.
  public mutating func name(_ bytes: UnsafeBufferPointer<UInt8>, in space: NameSpace) -> NameID {
    switch space {
    case .node: nodes.intern(bytes)
    case .backend: backends.intern(bytes)
    case .request: requests.intern(bytes)
    case .message: messages.intern(bytes)
    }
  }
}

/// Names as strings: what the public parser API produces.
public struct StringNames: NameResolver {
  /// A resolver.
  public init() {}

  /// The bytes as a string.
  public func name(_ bytes: UnsafeBufferPointer<UInt8>, in space: NameSpace) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}

/// Writes the bytes of a name of the records' name type.
public protocol NameWriter: ~Copyable {
  /// The name type of the records written.
  associatedtype Name: Hashable & Sendable
  /// Appends the bytes of `name` (in `space`) to `bytes`.
  func appendName(_ name: Name, in space: NameSpace, to bytes: inout [UInt8])
}

extension Names: NameWriter {
  public func appendName(_ name: NameID, in space: NameSpace, to bytes: inout [UInt8]) {
    switch space {
    case .node: nodes.append(name, to: &bytes)
    case .backend: backends.append(name, to: &bytes)
    case .request: requests.append(name, to: &bytes)
    case .message: messages.append(name, to: &bytes)
    }
  }
}

extension StringNames: NameWriter {
  public func appendName(_ name: String, in space: NameSpace, to bytes: inout [UInt8]) {
    bytes.append(contentsOf: name.utf8)
  }
}
