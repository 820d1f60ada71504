/// The ordered calls the model made; what `check` compares and `record`
/// writes.
public struct CallLog: Hashable, Sendable {
  /// Every call, in the order it was made.
  public private(set) var calls: [Call]

  /// An empty log.
  public init() {
    calls = []
  }
}

// MARK: - Recording

extension CallLog {
  /// Appends a call.
  public mutating func record(_ call: Call) {
    calls.append(call)
  }

  /// Forgets every call, keeping the storage for reuse.
  public mutating func removeAll() {
    calls.removeAll(keepingCapacity: true)
  }
}
