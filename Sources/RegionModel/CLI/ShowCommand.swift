/// `regionsim show FILE [--variant V] [--compare V2] [--out PAGE.html]
/// [--hazard-pages URL] [--limit N]`: draws the trace as one
/// self-contained HTML page (``PicturePage``), to standard output or to
/// PAGE.html. Bad input gets the exit statuses and `FILE:LINE:` messages of
/// `check`.
enum ShowCommand {
  static func run<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    _ parsed: ParsedArguments, variant: DriverVariant, io: inout CommandIO<Input, Output, Errors>
  ) -> ExitStatus {
    guard parsed.operands.count == 1, let file = parsed.operands.first else {
      io.errors.writeLine(
        "regionsim show: give one trace; usage: regionsim show FILE [--variant V] "
          + "[--compare V2] [--out PAGE.html]")
      return .usage
    }
    var variants = [variant]
    do throws(UsageError) {
      if let compared = try parsed.variant(option: "--compare", command: "show") {
        variants.append(compared)
      }
    } catch {
      io.errors.writeLine(error.message)
      return .usage
    }
    var limit = Timeline.defaultLimit
    if let text = parsed.values["--limit"] {
      guard let value = Int(text), value > 0 else {
        io.errors.writeLine("regionsim show: --limit needs a positive number, not '\(text)'")
        return .usage
      }
      limit = value
    }
    if file == "-", variants.count > 1 {
      // Standard input can be read once: keep its bytes for the second replay.
      let bytes: [UInt8]
      do throws(ReadError) {
        bytes = try io.input.readAll() ?? []
      } catch {
        io.errors.writeLine(TraceFailure.unreadable(error, line: 0).message(file: "<stdin>"))
        return .unreadable
      }
      return draw(
        name: "<stdin>", variants: variants, limit: limit, parsed: parsed,
        standardOutput: &io.output, standardError: &io.errors
      ) { variant, limit, overrides in
        Timeline.replay(
          source: MemorySource(bytes), variant: variant, limit: limit, overridesPin: overrides)
      }
    }
    let name = file == "-" ? "<stdin>" : file
    return draw(
      name: name, variants: variants, limit: limit, parsed: parsed,
      standardOutput: &io.output, standardError: &io.errors
    ) { variant, limit, overrides in
      if file == "-" {
        return Timeline.replay(
          source: io.input, variant: variant, limit: limit, overridesPin: overrides)
      }
      let opened = TraceFileOpener.withDescriptor(path: file) { descriptor in
        Timeline.replay(
          source: FileDescriptorSource(descriptor: descriptor), variant: variant, limit: limit,
          overridesPin: overrides)
      }
      switch opened {
      case .success(let replayed): return replayed
      case .failure(let error): return .failure(.cannotOpen(error))
      }
    }
  }

  private static func draw(
    name: String, variants: [DriverVariant], limit: Int, parsed: ParsedArguments,
    standardOutput: inout some TextSink, standardError: inout some TextSink,
    replay: (DriverVariant, Int, Bool) -> Result<Timeline, TraceFailure>
  ) -> ExitStatus {
    var timelines: [Timeline] = []
    // The first timeline runs the trace's pin if it has one, as every
    // command does; the one compared with it runs the variant asked for.
    for (index, variant) in variants.enumerated() {
      switch replay(variant, limit, index > 0) {
      case .success(let timeline): timelines.append(timeline)
      case .failure(let failure):
        standardError.writeLine(failure.message(file: name))
        return ExitStatus(failure)
      }
    }
    let page = PicturePage(
      timelines: timelines, file: name,
      hazardPages: parsed.values["--hazard-pages"] ?? "Docs/hazards")
    let html = page.html()
    guard let path = parsed.values["--out"] else {
      standardOutput.write(html)
      return .success
    }
    if let problem = FileWriter.write(html, to: path) {
      standardError.writeLine("regionsim show: cannot write \(path): \(problem)")
      return .cannotCreate
    }
    for timeline in timelines where timeline.isTruncated {
      standardError.writeLine(
        "regionsim show: \(name) has \(timeline.totalInputs) inputs; the page draws the first "
          + "\(timeline.steps.count)")
    }
    return .success
  }
}
