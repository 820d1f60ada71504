/// The ordered calls the model made during one step; what `check`
/// compares, `record` writes and the public API hands back.
///
/// The log is cleared before every input of a trace, so clearing must cost
/// nothing: the storage keeps the calls of earlier steps past ``count``
/// and a new call overwrites one of them. A ``CallRecord`` is plain memory
/// (no `String`, no reference), so a call left behind holds nothing alive,
/// and forgetting the calls is setting the count to zero; emptying the
/// array instead went through a generic range replacement and a release
/// per step.
public struct CallLog: Sendable {
  /// Every call of this step, then leftovers of earlier steps.
  private var storage: [CallRecord]
  /// The number of calls recorded since the last ``removeAll()``.
  public private(set) var count: Int

  /// An empty log.
  public init() {
    storage = []
    count = 0
  }
}

// MARK: - Recording

extension CallLog {
  /// Every call, in the order it was made (indices from 0).
  public var calls: ArraySlice<CallRecord> { storage[..<count] }

  /// Appends a call.
  public mutating func record(_ call: CallRecord) {
    if count < storage.count {
      storage[count] = call
    } else {
      storage.append(call)
    }
    count += 1
  }

  /// Forgets everything, keeping the storage for reuse.
  /// The call at `index`, which must be below ``count``.
  @inline(__always)
  func call(_ index: Int) -> CallRecord {
    storage[index]
  }

  public mutating func removeAll() {
    count = 0
  }
}
