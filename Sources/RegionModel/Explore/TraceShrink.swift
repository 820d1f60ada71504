/// `regionsim shrink` as a library: a user's trace read into inputs and
/// their output lines, then shrunk to what still shows a hazard or a
/// mismatch. The command line only parses its arguments, opens the file
/// and writes what this returns.
public enum TraceShrink {
  /// An input of the user's trace and the output lines that follow it.
  public struct Entry: Sendable {
    public var input: TraceInput
    public var outputs: [OutputRecord]
  }

  /// Why there is nothing to shrink: the trace does not show what was
  /// asked for.
  public struct NotShown: Error, Sendable {
    public var message: String
  }

  /// Reads every input with the output lines after it.
  public static func entries(
    of source: some ByteSource, variant: DriverVariant
  ) -> Result<([Entry], DriverVariant), TraceFailure> {
    var entries: [Entry] = []
    let replayed = TraceStream.replay(source: source, variant: variant) {
      (_, kind, number, line) throws(TraceError) in
      switch kind {
      case .input:
        if case .input(let input)? = try? TraceLineParser.parse(line) {
          entries.append(Entry(input: input, outputs: []))
        }
      case .output(let recordStart):
        let record = try TraceStream.outputRecord(line, after: recordStart, number: number)
        entries[entries.count - 1].outputs.append(record)
      case .nothing: break
      }
    }
    return replayed.map { (entries, $0.variant) }
  }

  /// Shrinks the trace to the fewest inputs that still show `hazard`
  /// under `variant`; `progress` hears about each candidate. Returns the
  /// recorded trace, with a header naming `file`, or a message when the
  /// trace does not show the hazard.
  public static func toHazard(
    _ entries: [Entry], hazard: HazardCode, variant: DriverVariant, file: String,
    progress: (Shrinker.Progress) -> Void = { _ in }
  ) -> Result<String, NotShown> {
    let inputs = entries.map(\.input)
    guard Explorer.hazards(in: inputs, variant: variant).contains(hazard) else {
      return .failure(
        NotShown(
          message: "\(file): the trace does not show \(hazard.rawValue) "
            + "(variant \(variant.rawValue))"))
    }
    let shrunk = Shrinker.shrink(inputs, variant: variant, toShow: hazard, progress: progress)
    return .success(
      Explorer.recordedTrace(
        shrunk,
        comments: [
          "regionsim shrink: \(hazard.rawValue): \(hazard.summary).",
          "Shrunk from \(inputs.count) to \(shrunk.count) inputs of \(file).",
        ], variant: variant))
  }

  /// Shrinks the trace, outputs and all, to the smallest part whose
  /// `check` still finds the same first mismatch (the same expected and
  /// actual records). Returns the trace, with a header naming `file`, or a
  /// message when `check` finds no mismatch.
  public static func toMismatch(
    _ entries: [Entry], variant: DriverVariant, file: String
  ) -> Result<String, NotShown> {
    guard let target = mismatch(of: entries, variant: variant) else {
      return .failure(
        NotShown(
          message: "\(file): check finds no mismatch to keep (variant \(variant.rawValue))"))
    }
    let shrunk = Shrinker.dropChunks(entries) { candidate in
      guard let found = mismatch(of: candidate, variant: variant) else { return false }
      return found.expected == target.expected && found.actual == target.actual
    }
    return .success(
      text(
        of: shrunk, variant: variant,
        comments: [
          "regionsim shrink: the smallest part of \(file) whose check still finds",
          "  expected: " + (target.expected.map(CanonicalForm.line) ?? "(no further output)"),
          "  actual:   " + (target.actual.map(CanonicalForm.line) ?? "(no further output)"),
        ]))
  }

  /// The mismatch `check` finds in the entries, if any (nil too when they
  /// do not make a valid trace).
  static func mismatch(of entries: [Entry], variant: DriverVariant) -> Mismatch? {
    let outcome = TraceCheck.run(
      source: MemorySource(text(of: entries, variant: variant, comments: [])), variant: variant)
    if case .mismatch(let mismatch, _) = outcome { return mismatch }
    return nil
  }

  /// The entries as a trace, outputs in canonical form.
  static func text(of entries: [Entry], variant: DriverVariant, comments: [String]) -> String {
    var lines = comments.map { "# " + $0 }
    lines += ["# regionsim: variant=\(variant.rawValue)", "blkio-trace 1"]
    for entry in entries {
      lines.append(CanonicalForm.line(entry.input))
      lines += entry.outputs.map(CanonicalForm.line)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
