/// Replays a trace for its hazards: every input through the model, the
/// trace's own output lines ignored.
public enum HazardScan {
  /// The hazards of the trace `source` holds, in trace order.
  public static func run(
    source: some ByteSource, variant: DriverVariant = .seed
  ) -> Result<[LocatedHazard], TraceFailure> {
    var found: [LocatedHazard] = []
    let replayed = TraceStream.replay(source: source, variant: variant, watchesHazards: true) {
      step, number, line in
      guard case .input(_, let output) = step, !output.hazards.isEmpty else { return }
      let input = TraceChecker.trimmed(line)
      for hazard in output.hazards {
        found.append(LocatedHazard(line: number, input: input, hazard: hazard))
      }
    }
    return replayed.map { _ in found }
  }
}
