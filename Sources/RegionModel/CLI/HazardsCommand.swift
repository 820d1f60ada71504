/// `regionsim hazards [--json] [--variant NAME] FILE...`, and the hazard part of
/// `regionsim check --hazards`.
///
/// The report is written as the hazards are found, in one pass over each
/// trace, so that memory stays flat however many there are.
enum HazardsCommand {
  static func run<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    _ parsed: ParsedArguments, variant: DriverVariant, io: inout CommandIO<Input, Output, Errors>
  ) -> ExitStatus {
    let json = parsed.flags.contains("--json")
    let files = parsed.operands
    guard !files.isEmpty else {
      io.errors.writeLine("regionsim hazards: no trace given; usage: regionsim hazards FILE...")
      return .usage
    }
    var worst = ExitStatus.success
    if json { io.output.write("{\"files\":[") }
    for (index, file) in files.enumerated() {
      let name = file == "-" ? "<stdin>" : file
      if json {
        if index > 0 { io.output.write(",") }
        io.output.write("{\"file\":" + JSONText.quoted(name) + ",\"hazards\":[")
      }
      var report = HazardReport(file: name, json: json)
      let scanned = scan(file, variant: variant, standardInput: &io.input) {
        report.write($0, to: &io.output)
      }
      if report.count > 0 { worst = max(worst, .mismatch) }
      switch scanned {
      case .success:
        if json {
          io.output.write(
            "],\"status\":\"" + (report.count == 0 ? "clean" : "hazards") + "\"}")
        } else {
          report.writeTotal(to: &io.output)
        }
      case .failure(let failure):
        io.errors.writeLine(failure.message(file: name))
        if json {
          let status = ExitStatus(failure) == .unreadable ? "unreadable" : "invalid"
          io.output.write(
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
      io.output.writeLine("],\"codes\":" + JSONText.object(codes).text + "}")
    }
    return worst
  }

  /// Streams the hazards of one named trace to `found`.
  static func scan(
    _ file: String, variant: DriverVariant, standardInput: inout some ByteSource,
    found: (HazardBytes) -> Void
  ) -> Result<TraceStream.Summary, TraceFailure> {
    if file == "-" { return HazardScan.scan(source: standardInput, variant: variant, found: found) }
    let opened = TraceFileOpener.withDescriptor(path: file) { descriptor in
      HazardScan.scan(
        source: FileDescriptorSource(descriptor: descriptor), variant: variant, found: found)
    }
    switch opened {
    case .success(let scanned): return scanned
    case .failure(let error): return .failure(.cannotOpen(error))
    }
  }
}

/// The report of one trace's hazards, written entry by entry from the
/// hazards' bytes into one reused buffer.
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
  /// The entry being written.
  private var entry = JSONBytes()

  init(file: String, json: Bool) {
    self.file = file
    self.json = json
  }

  /// Writes one hazard.
  mutating func write(_ hazard: HazardBytes, to output: inout some TextSink) {
    defer { count += 1 }
    entry.removeAll()
    if json {
      writeJSON(hazard)
    } else {
      writeText(hazard)
    }
    entry.bytes.withUnsafeBufferPointer { output.write($0) }
  }

  /// `{"line":N,"code":"...","input":"...","detail":"..."}`, after a comma
  /// but for the first.
  private mutating func writeJSON(_ hazard: HazardBytes) {
    if count > 0 { entry.raw(",") }
    entry.raw("{\"line\":")
    entry.number(hazard.line)
    entry.raw(",\"code\":")
    entry.string(hazard.code.rawValue)
    entry.raw(",\"input\":")
    entry.string(hazard.input)
    entry.raw(",\"detail\":")
    entry.string(hazard.detail)
    entry.raw("}")
  }

  /// `FILE:LINE: CODE: SUMMARY`, the input, the detail and, the first time
  /// a code is seen, its explanation.
  private mutating func writeText(_ hazard: HazardBytes) {
    let code = hazard.code
    var text = file + ":"
    text.withUTF8 { entry.text($0) }
    entry.number(hazard.line)
    text = ": " + code.rawValue + ": " + code.summary + "\n  in: "
    text.withUTF8 { entry.text($0) }
    entry.text(hazard.input)
    entry.raw("\n  ")
    entry.text(hazard.detail)
    entry.raw("\n")
    if explained.insert(code).inserted {
      let weakPoint = code.weakPoint.map { "(weak point \($0)) " } ?? ""
      text = "  " + weakPoint + code.explanation + "\n"
      text.withUTF8 { entry.text($0) }
    }
  }

  /// Writes the closing count (text only).
  func writeTotal(to output: inout some TextSink) {
    output.writeLine("\(file): \(count == 0 ? "no" : String(count)) hazard\(count == 1 ? "" : "s")")
  }
}
