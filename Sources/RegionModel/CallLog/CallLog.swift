/// The ordered calls the model made and the hazards it noticed; what
/// `check` compares, `record` writes and `hazards` reports.
public struct CallLog: Hashable, Sendable {
  /// Every call, in the order it was made.
  public private(set) var calls: [Call]
  /// Every hazard, in the order it was noticed.
  public private(set) var hazards: [Hazard]

  /// An empty log.
  public init() {
    calls = []
    hazards = []
  }
}

// MARK: - Recording

extension CallLog {
  /// Appends a call.
  public mutating func record(_ call: Call) {
    calls.append(call)
  }

  /// Notes a hazard.
  public mutating func flag(_ code: HazardCode, _ detail: String) {
    hazards.append(Hazard(code: code, detail: detail))
  }

  /// Forgets everything, keeping the storage for reuse.
  public mutating func removeAll() {
    calls.removeAll(keepingCapacity: true)
    hazards.removeAll(keepingCapacity: true)
  }
}
