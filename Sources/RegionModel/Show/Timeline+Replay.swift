extension Timeline {
  /// The most inputs a picture draws: a trace of this many inputs is a
  /// tested size; past it the page draws the first ones and says what it
  /// left out.
  public static let defaultLimit = 10_000

  /// Replays the trace `source` holds under `variant` (or its pin, unless
  /// `overridesPin`) with the hazard checker on, and returns the timeline of
  /// its first `limit` inputs. The trace's own output lines are checked to
  /// be valid but not compared: the picture is the model's (`regionsim
  /// check` compares).
  public static func replay(
    source: some ByteSource, variant: DriverVariant = .seed, limit: Int = defaultLimit,
    overridesPin: Bool = false
  ) -> Result<Timeline, TraceFailure> {
    var builder = TimelineBuilder(variant: variant, limit: limit)
    let replayed = TraceStream.replay(
      source: source, variant: variant, watchesHazards: true, overridesPin: overridesPin
    ) {
      (replayer, kind, number, line) throws(TraceError) in
      switch kind {
      case .input: builder.observe(&replayer, line: number, text: line)
      case .output(let recordStart):
        _ = try TraceStream.outputRecord(line, after: recordStart, number: number)
      case .nothing: return
      }
    }
    return replayed.map { summary in
      var timeline = builder.timeline
      timeline.variant = summary.variant
      return timeline
    }
  }
}
