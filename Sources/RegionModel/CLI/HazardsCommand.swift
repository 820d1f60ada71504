/// `regionsim hazards [--json] [--variant NAME] FILE...`, and the hazard part of
/// `regionsim check --hazards`.
///
/// The report is written as the hazards are found, in one pass over each
/// trace, so that memory stays flat however many there are.
enum HazardsCommand {
  static func run(
    _ arguments: [String],
    standardInput: inout some ByteSource,
    standardOutput: inout some TextSink,
    standardError: inout some TextSink
  ) -> ExitStatus {
    guard
      let (parsed, variant) = ParsedArguments.parse(
        arguments, command: "hazards", flags: ["--json"], options: ["--variant"],
        errors: &standardError)
    else { return .usage }
    let json = parsed.flags.contains("--json")
    let files = parsed.operands
    guard !files.isEmpty else {
      standardError.writeLine("regionsim hazards: no trace given; usage: regionsim hazards FILE...")
      return .usage
    }
    var worst = ExitStatus.success
    if json { standardOutput.write("{\"files\":[") }
    for (index, file) in files.enumerated() {
      let name = file == "-" ? "<stdin>" : file
      if json {
        if index > 0 { standardOutput.write(",") }
        standardOutput.write("{\"file\":" + JSONText.quoted(name) + ",\"hazards\":[")
      }
      var report = HazardReport(file: name, json: json)
      let scanned = scan(file, variant: variant, standardInput: &standardInput) {
        report.write($0, to: &standardOutput)
      }
      if report.count > 0 { worst = max(worst, .mismatch) }
      switch scanned {
      case .success:
        if json {
          standardOutput.write(
            "],\"status\":\"" + (report.count == 0 ? "clean" : "hazards") + "\"}")
        } else {
          report.writeTotal(to: &standardOutput)
        }
      case .failure(let failure):
        standardError.writeLine(failure.message(file: name))
        if json {
          let status = ExitStatus(failure) == .unreadable ? "unreadable" : "invalid"
          standardOutput.write(
            "],\"status\":\"\(status)\",\"error\":" + JSONText.quoted(failure.message(file: name))
              + "}")
        }
        worst = max(worst, ExitStatus(failure))
      }
    }
    if json {
      let codes = HazardCode.allCases.map { code -> (String, JSONText) in
        (
          code.rawValue,
          .object([
            ("summary", .string(code.summary)), ("explanation", .string(code.explanation)),
            ("weak_point", code.weakPoint.map(JSONText.number) ?? .null),
          ])
        )
      }
      standardOutput.writeLine("],\"codes\":" + JSONText.object(codes).text + "}")
    }
    return worst
  }

  /// Streams the hazards of one named trace to `found`.
  static func scan(
    _ file: String, variant: DriverVariant, standardInput: inout some ByteSource,
    found: (LocatedHazard) -> Void
  ) -> Result<TraceStream.Summary, TraceFailure> {
    if file == "-" { return HazardScan.run(source: standardInput, variant: variant, found: found) }
    let opened = TraceFileOpener.withDescriptor(path: file) { descriptor in
      HazardScan.run(
        source: FileDescriptorSource(descriptor: descriptor), variant: variant, found: found)
    }
    switch opened {
    case .success(let scanned): return scanned
    case .failure(let error): return .failure(.unreadable(error, line: 0))
    }
  }
}

/// The report of one trace's hazards, written entry by entry.
struct HazardReport {
  /// The name the entries give the trace.
  let file: String
  /// Whether entries are JSON objects (else text).
  let json: Bool
  /// How many hazards were written.
  private(set) var count = 0
  /// The codes explained so far (text: the explanation comes with the
  /// first hazard of each code).
  private var explained: Set<HazardCode> = []

  init(file: String, json: Bool) {
    self.file = file
    self.json = json
  }

  /// Writes one hazard.
  mutating func write(_ located: LocatedHazard, to output: inout some TextSink) {
    defer { count += 1 }
    let code = located.hazard.code
    if json {
      if count > 0 { output.write(",") }
      output.write(
        JSONText.object([
          ("line", .number(located.line)), ("code", .string(code.rawValue)),
          ("input", .string(located.input)), ("detail", .string(located.hazard.detail)),
        ]).text)
      return
    }
    output.writeLine("\(file):\(located.line): \(code.rawValue): \(code.summary)")
    output.writeLine("  in: \(located.input)")
    output.writeLine("  \(located.hazard.detail)")
    if explained.insert(code).inserted {
      let weakPoint = code.weakPoint.map { "(weak point \($0)) " } ?? ""
      output.writeLine("  " + weakPoint + code.explanation)
    }
  }

  /// Writes the closing count (text only).
  func writeTotal(to output: inout some TextSink) {
    output.writeLine("\(file): \(count == 0 ? "no" : String(count)) hazard\(count == 1 ? "" : "s")")
  }
}
