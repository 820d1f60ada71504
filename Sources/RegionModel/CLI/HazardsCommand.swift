/// `regionsim hazards [--json] [--variant NAME] FILE...`, and the hazard part of
/// `regionsim check --hazards`.
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
    var reports: [JSONText] = []
    for file in files {
      let name = file == "-" ? "<stdin>" : file
      let scanned = scan(file, variant: variant, standardInput: &standardInput)
      switch scanned {
      case .success(let hazards):
        if json {
          reports.append(jsonReport(name, hazards: hazards))
        } else {
          write(hazards, file: name, to: &standardOutput)
        }
        if !hazards.isEmpty { worst = max(worst, .mismatch) }
      case .failure(let failure):
        standardError.writeLine(failure.message(file: name))
        if json { reports.append(jsonFailure(name, failure)) }
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
      standardOutput.writeLine(
        JSONText.object([("files", .array(reports)), ("codes", .object(codes))]).text)
    }
    return worst
  }

  /// The hazards of one named trace.
  static func scan(
    _ file: String, variant: DriverVariant, standardInput: inout some ByteSource
  ) -> Result<[LocatedHazard], TraceFailure> {
    if file == "-" { return HazardScan.run(source: standardInput, variant: variant) }
    let opened = TraceFileOpener.withDescriptor(path: file) { descriptor in
      HazardScan.run(source: FileDescriptorSource(descriptor: descriptor), variant: variant)
    }
    switch opened {
    case .success(let scanned): return scanned
    case .failure(let error): return .failure(.unreadable(error, line: 0))
    }
  }

  /// The text report: one entry per hazard, the explanation with the first
  /// of each code, and a closing count.
  static func write(_ hazards: [LocatedHazard], file: String, to output: inout some TextSink) {
    var explained: Set<HazardCode> = []
    for located in hazards {
      let code = located.hazard.code
      output.writeLine("\(file):\(located.line): \(code.rawValue): \(code.summary)")
      output.writeLine("  in: \(located.input)")
      output.writeLine("  \(located.hazard.detail)")
      if explained.insert(code).inserted {
        let weakPoint = code.weakPoint.map { "(weak point \($0)) " } ?? ""
        output.writeLine("  " + weakPoint + code.explanation)
      }
    }
    let count = hazards.count
    output.writeLine("\(file): \(count == 0 ? "no" : String(count)) hazard\(count == 1 ? "" : "s")")
  }

  static func jsonReport(_ file: String, hazards: [LocatedHazard]) -> JSONText {
    .object([
      ("file", .string(file)), ("status", .string(hazards.isEmpty ? "clean" : "hazards")),
      (
        "hazards",
        .array(
          hazards.map { located in
            .object([
              ("line", .number(located.line)), ("code", .string(located.hazard.code.rawValue)),
              ("input", .string(located.input)), ("detail", .string(located.hazard.detail)),
            ])
          })
      ),
    ])
  }

  static func jsonFailure(_ file: String, _ failure: TraceFailure) -> JSONText {
    .object([
      ("file", .string(file)),
      ("status", .string(ExitStatus(failure) == .unreadable ? "unreadable" : "invalid")),
      ("error", .string(failure.message(file: file))),
    ])
  }
}
