/// Something the checker had to assume because a capture cannot say it:
/// which guest event caused a call.
public struct CaptureAssumption: Hashable, Sendable {
  /// The capture line where the assumption was made.
  public var line: Int
  /// What was assumed, and the input the model was given for it.
  public var text: String
}

/// The first difference between the calls of a capture and the model's.
public struct CallsMismatch: Hashable, Sendable {
  /// The capture line where they differ (the last line when the capture
  /// ends first).
  public var line: Int
  /// The capture's record there, as the trace format writes it when it can
  /// (a map or unmap with iova and flags 0), else the line as captured; nil
  /// when the capture has ended.
  public var captured: String?
  /// The model's call, as the trace format writes it; nil when the model
  /// makes no further call.
  public var model: String?
  /// Which input of the model made its call.
  public var cause: String?
  /// What the reader may do about it, when there is something to say.
  public var hint: String?
}

/// Counts of a calls-only check.
public struct CallsOnlyStatistics: Hashable, Sendable {
  /// Map and unmap calls compared and equal.
  public var mapsChecked = 0
  public var unmapsChecked = 0
  /// Calls on memory from `blkio_alloc_mem_region()` (the bounce pool),
  /// which guest I/O causes: not compared.
  public var bouncePoolCalls = 0
  /// `struct blkio` instances created.
  public var instances = 0
  /// `event` lines applied.
  public var events = 0
  /// Record lines read.
  public var records = 0
}

/// What a calls-only check of a capture found.
public enum CallsOnlyOutcome: Sendable {
  case passed(CallsOnlyStatistics)
  case mismatch(CallsMismatch, CallsOnlyStatistics)
  /// The capture (or an event line in it) is not valid.
  case invalidCapture(TraceFailure)
}

// MARK: - Report

extension CallsMismatch {
  /// The report's lines, the first naming `file` and the line.
  public func report(file: String) -> [String] {
    var lines = ["\(file):\(line): the capture's calls differ from the model's"]
    lines.append("  capture: " + (captured.map(PrintableText.of) ?? "(the capture ends here)"))
    lines.append("  model:   " + (model ?? "(no further call)"))
    if let cause { lines.append("  the model's call comes from " + cause) }
    if let hint { lines.append("  " + hint) }
    return lines
  }
}
