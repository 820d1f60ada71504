/// A name of the trace (a node, a backend, a request) as a small integer.
///
/// The replayer maps each name to an id once, when a line first names it,
/// and the model keeps its state in arrays indexed by these ids; the name's
/// bytes are needed again only to write an output or a message. An id is
/// reused once the entity it named is gone.
public struct NameID: Hashable, Comparable, Sendable {
  /// The index into the model's arrays.
  public let index: Int32

  /// The id with index `index`.
  public init(_ index: Int32) {
    self.index = index
  }

  /// The index as an `Int`, for subscripting.
  @inline(__always) public var slot: Int { Int(index) }

  public static func < (lhs: NameID, rhs: NameID) -> Bool { lhs.index < rhs.index }
}

/// Which of the trace's namespaces a name belongs to: nodes (blkio and
/// format nodes share one), BlockBackends, and guest requests; and the
/// text of the `report` and `fault` calls the model records.
public enum NameSpace: Int, CaseIterable, Hashable, Sendable {
  case node
  case backend
  case request
  /// A message of a `report` or `fault` call. Interned like a name so that
  /// a recorded call (``CallRecord``) holds no `String`: a call log is then
  /// copied and cleared as plain memory, with no release per call. Each
  /// message id is released after the step that recorded it.
  case message
}
