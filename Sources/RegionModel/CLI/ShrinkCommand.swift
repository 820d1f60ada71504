/// `regionsim shrink FILE (--hazard CODE | --until-mismatch) [--variant NAME]`.
enum ShrinkCommand {
  /// An input of the user's trace and the output lines that follow it.
  struct Entry {
    var input: TraceInput
    var outputs: [OutputRecord]
  }

  static func run(
    _ arguments: [String],
    standardInput: inout some ByteSource,
    standardOutput: inout some TextSink,
    standardError: inout some TextSink
  ) -> ExitStatus {
    let parsed: ParsedArguments
    let variant: DriverVariant
    let hazard: HazardCode?
    do throws(UsageError) {
      parsed = try ParsedArguments(arguments, command: .shrink)
      variant = try parsed.variant(command: "shrink")
      hazard = try parsed.values["--hazard"].map { (name) throws(UsageError) -> HazardCode in
        guard let code = HazardCode(rawValue: name) else {
          throw UsageError(
            "regionsim shrink: unknown hazard code '\(name)'"
              + ClosestName.hint(name, among: HazardCode.allCases.map(\.rawValue))
              + "; codes: " + HazardCode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return code
      }
      guard parsed.operands.count == 1 else {
        throw UsageError("regionsim shrink: give exactly one trace (or '-')")
      }
      guard (hazard != nil) != parsed.flags.contains("--until-mismatch") else {
        throw UsageError("regionsim shrink: give either --hazard CODE or --until-mismatch")
      }
    } catch {
      standardError.writeLine(error.message)
      return .usage
    }
    let file = parsed.operands[0]
    let name = file == "-" ? "<stdin>" : file
    let read: Result<([Entry], DriverVariant), TraceFailure>
    if file == "-" {
      read = entries(of: standardInput, variant: variant)
    } else {
      switch TraceFileOpener.withDescriptor(
        path: file,
        { descriptor in
          entries(of: FileDescriptorSource(descriptor: descriptor), variant: variant)
        })
      {
      case .success(let result): read = result
      case .failure(let error): read = .failure(.cannotOpen(error))
      }
    }
    switch read {
    case .failure(let failure):
      standardError.writeLine(failure.message(file: name))
      return ExitStatus(failure)
    case .success(let (entries, effective)):
      if let hazard {
        return shrink(
          entries, to: hazard, variant: effective, file: name, &standardOutput, &standardError)
      }
      return shrinkMismatch(
        entries, variant: effective, file: name, &standardOutput, &standardError)
    }
  }

  /// Reads every input with the output lines after it.
  static func entries(
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

  static func shrink(
    _ entries: [Entry], to hazard: HazardCode, variant: DriverVariant, file: String,
    _ output: inout some TextSink, _ errors: inout some TextSink
  ) -> ExitStatus {
    let inputs = entries.map(\.input)
    guard Explorer.hazards(in: inputs, variant: variant).contains(hazard) else {
      errors.writeLine(
        "\(file): the trace does not show \(hazard.rawValue) (variant \(variant.rawValue))")
      return .mismatch
    }
    let clock = ContinuousClock()
    var lastReport = clock.now
    let shrunk = Shrinker.shrink(inputs, variant: variant, toShow: hazard) { progress in
      let now = clock.now
      guard now - lastReport >= .seconds(1) else { return }
      lastReport = now
      errors.writeLine(
        "shrink: \(progress.inputs) inputs left, \(progress.candidates) candidates tried")
      errors.flush()
    }
    output.write(
      Explorer.recordedTrace(
        shrunk,
        comments: [
          "regionsim shrink: \(hazard.rawValue): \(hazard.summary).",
          "Shrunk from \(inputs.count) to \(shrunk.count) inputs of \(file).",
        ], variant: variant))
    return .success
  }

  static func shrinkMismatch(
    _ entries: [Entry], variant: DriverVariant, file: String,
    _ output: inout some TextSink, _ errors: inout some TextSink
  ) -> ExitStatus {
    guard let target = mismatch(of: entries, variant: variant) else {
      errors.writeLine("\(file): check finds no mismatch to keep (variant \(variant.rawValue))")
      return .mismatch
    }
    let shrunk = Shrinker.dropChunks(entries) { candidate in
      guard let found = mismatch(of: candidate, variant: variant) else { return false }
      return found.expected == target.expected && found.actual == target.actual
    }
    output.write(
      text(
        of: shrunk, variant: variant,
        comments: [
          "regionsim shrink: the smallest part of \(file) whose check still finds",
          "  expected: " + (target.expected.map(CanonicalForm.line) ?? "(no further output)"),
          "  actual:   " + (target.actual.map(CanonicalForm.line) ?? "(no further output)"),
        ]))
    return .success
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
