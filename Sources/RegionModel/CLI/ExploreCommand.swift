/// `regionsim explore [--seed N] [--runs N] [--steps N] [--variant NAME]
/// [--out DIR] [--json]`, or `regionsim explore --variant-table [--seed N]
/// [--runs N] [--steps N]`.
enum ExploreCommand {
  static func run<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    _ parsed: ParsedArguments, variant: DriverVariant, io: inout CommandIO<Input, Output, Errors>
  ) -> ExitStatus {
    var options = ExploreOptions()
    let folder: String
    let outGiven: Bool
    let json: Bool
    let variantTable: Bool
    do throws(UsageError) {
      guard parsed.operands.isEmpty else {
        throw UsageError("regionsim explore: unexpected '\(parsed.operands[0])'")
      }
      options.variant = variant
      options.seed = try number(parsed, "--seed", default: 1, in: 0...UInt64.max)
      options.runs = Int(try number(parsed, "--runs", default: 2000, in: 0...10_000_000))
      options.steps = Int(try number(parsed, "--steps", default: 40, in: 1...10_000))
      folder = parsed.values["--out"] ?? "explore-out"
      outGiven = parsed.values["--out"] != nil
      json = parsed.flags.contains("--json")
      variantTable = parsed.flags.contains("--variant-table")
      if variantTable, json || parsed.values["--out"] != nil || parsed.values["--variant"] != nil {
        throw UsageError(
          "regionsim explore: --variant-table explores every variant and writes no traces; "
            + "it takes no --json, --out or --variant")
      }
    } catch {
      io.errors.writeLine(error.message)
      return .usage
    }
    if variantTable {
      io.output.write(VariantTable.markdown(VariantTable.found(options)))
      return .success
    }
    if let problem = FileWriter.makeFolder(folder) {
      io.errors.writeLine("regionsim explore: cannot create '\(folder)': \(problem)")
      return .cannotCreate
    }
    let clock = ContinuousClock()
    let start = clock.now
    var lastReport = start
    let findings = Explorer.explore(options) { progress in
      let now = clock.now
      let lastRun = progress.runs == options.runs && progress.shrinking == 0
      guard now - lastReport >= .seconds(1) || lastRun else { return }
      lastReport = now
      if progress.shrinking > 0 {
        io.errors.writeLine(
          "explore: shrinking \(progress.shrinking) findings, "
            + "\(progress.candidatesTried) candidates tried")
      } else {
        let rate = Double(progress.runs) / max((now - start).seconds, 0.001)
        io.errors.writeLine(
          "explore: \(progress.runs)/\(options.runs) runs, \(Int(rate)) scenarios/s, "
            + "\(progress.distinct) distinct hazards")
      }
      io.errors.flush()
    }
    var rows: [(ExploreFinding, String)] = []
    for finding in findings {
      let path = folder + "/" + finding.code.rawValue + ".trace"
      if let problem = FileWriter.write(trace(finding, options), to: path) {
        io.errors.writeLine("regionsim explore: cannot write '\(path)': \(problem)")
        return .cannotCreate
      }
      rows.append((finding, path))
    }
    if json {
      io.output.writeLine(jsonReport(rows, options).text)
    } else {
      writeTable(rows, options, to: &io.output)
    }
    if !outGiven {
      // Not asked for a folder: say which one was written, not silently
      // into the current directory.
      io.errors.writeLine(
        "explore: wrote \(rows.count) trace\(rows.count == 1 ? "" : "s") to '\(folder)/' "
          + "(the default folder; --out DIR writes elsewhere)")
    }
    return .success
  }

  /// The file written for a finding: a header saying what it shows, then
  /// the recorded trace.
  static func trace(_ finding: ExploreFinding, _ options: ExploreOptions) -> String {
    let code = finding.code
    let weakPoint = code.weakPoint.map { " (weak point \($0))" } ?? ""
    return Explorer.recordedTrace(
      finding.shrunk,
      comments: [
        "regionsim explore: \(code.rawValue)\(weakPoint): \(code.summary).",
        "Found in run \(finding.run) of seed \(options.seed) (\(options.steps) steps, variant "
          + "\(options.variant.rawValue)); shrunk from \(finding.original.count) to "
          + "\(finding.shrunk.count) inputs.",
        "Check it with: regionsim hazards FILE",
      ], variant: options.variant)
  }

  static func writeTable(
    _ rows: [(ExploreFinding, String)], _ options: ExploreOptions, to output: inout some TextSink
  ) {
    output.writeLine(
      pad("hazard", 24) + pad("weak point", 12) + pad("run", 8) + pad("inputs", 12) + "trace")
    for (finding, path) in rows {
      output.writeLine(
        pad(finding.code.rawValue, 24) + pad(finding.code.weakPoint.map(String.init) ?? "-", 12)
          + pad(String(finding.run), 8)
          + pad("\(finding.original.count) -> \(finding.shrunk.count)", 12) + path)
    }
    output.writeLine(
      "explored \(options.runs) scenarios (seed \(options.seed), \(options.steps) steps, variant "
        + "\(options.variant.rawValue)): \(rows.count) distinct hazard\(rows.count == 1 ? "" : "s")"
    )
  }

  static func jsonReport(_ rows: [(ExploreFinding, String)], _ options: ExploreOptions) -> JSONText
  {
    .object([
      ("seed", .string(String(options.seed))), ("runs", .number(options.runs)),
      ("steps", .number(options.steps)), ("variant", .string(options.variant.rawValue)),
      (
        "hazards",
        .array(
          rows.map { finding, path in
            .object([
              ("code", .string(finding.code.rawValue)),
              ("weak_point", finding.code.weakPoint.map(JSONText.number) ?? .null),
              ("run", .number(finding.run)), ("inputs", .number(finding.original.count)),
              ("shrunk_inputs", .number(finding.shrunk.count)), ("trace", .string(path)),
            ])
          })
      ),
    ])
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(width - text.count, 1))
  }

  /// A whole-number option within `range`.
  static func number(
    _ parsed: ParsedArguments, _ name: String, default value: UInt64, in range: ClosedRange<UInt64>
  ) throws(UsageError) -> UInt64 {
    guard let text = parsed.values[name] else { return value }
    guard let parsedValue = UInt64(text), range.contains(parsedValue) else {
      throw UsageError(
        "regionsim explore: \(name) takes a whole number from \(range.lowerBound) to "
          + "\(range.upperBound), not '\(text)'")
    }
    return parsedValue
  }
}

extension Duration {
  /// The duration in seconds.
  fileprivate var seconds: Double {
    let (whole, attoseconds) = components
    return Double(whole) + Double(attoseconds) / 1e18
  }
}
