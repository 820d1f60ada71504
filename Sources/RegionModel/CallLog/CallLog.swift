/// The ordered calls the model made and the hazards it noticed; what
/// `check` compares, `record` writes and `hazards` reports.
public struct CallLog: Hashable, Sendable {
  /// Every call, in the order it was made.
  public private(set) var calls: [Call]
  /// Every hazard, in the order it was noticed.
  public private(set) var hazards: [Hazard]
  /// Whether the model should look for hazards at all. Some checks scan
  /// every mapped region; `check` and `record` turn them off to keep each
  /// map and unmap O(1).
  public let watchesHazards: Bool

  /// An empty log.
  public init(watchesHazards: Bool = true) {
    calls = []
    hazards = []
    self.watchesHazards = watchesHazards
  }
}

// MARK: - Recording

extension CallLog {
  /// Appends a call.
  public mutating func record(_ call: Call) {
    calls.append(call)
  }

  /// Notes a hazard.
  public mutating func flag(_ code: HazardCode, _ detail: @autoclosure () -> String) {
    guard watchesHazards else { return }
    hazards.append(Hazard(code: code, detail: detail()))
  }

  /// Forgets everything, keeping the storage for reuse.
  public mutating func removeAll() {
    calls.removeAll(keepingCapacity: true)
    hazards.removeAll(keepingCapacity: true)
  }
}
