/// The ordered calls the model made during one step; what `check`
/// compares, `record` writes and the public API hands back.
public struct CallLog: Sendable {
  /// Every call, in the order it was made.
  public private(set) var calls: [CallRecord]

  /// An empty log.
  public init() {
    calls = []
  }
}

// MARK: - Recording

extension CallLog {
  /// Appends a call.
  public mutating func record(_ call: CallRecord) {
    calls.append(call)
  }

  /// The number of calls recorded.
  public var count: Int { calls.count }

  /// Forgets everything, keeping the storage for reuse.
  public mutating func removeAll() {
    guard !calls.isEmpty else { return }
    calls.removeAll(keepingCapacity: true)
  }
}
