/// `regionsim record FILE`.
enum RecordCommand {
  static func run(
    _ arguments: [String],
    standardInput: inout some ByteSource,
    standardOutput: inout some TextSink,
    standardError: inout some TextSink
  ) -> ExitStatus {
    if let option = arguments.first(where: { $0.hasPrefix("-") && $0 != "-" }) {
      standardError.writeLine(
        "regionsim record: unknown option '\(option)'; see 'regionsim help record'")
      return .usage
    }
    guard arguments.count == 1, let file = arguments.first else {
      standardError.writeLine(
        "regionsim record: give exactly one trace (or '-'); usage: regionsim record FILE")
      return .usage
    }
    let outcome: RecordOutcome
    if file == "-" {
      outcome = TraceRecord.run(source: standardInput, sink: &standardOutput)
    } else {
      switch TraceFileOpener.withDescriptor(
        path: file,
        { descriptor in
          TraceRecord.run(
            source: FileDescriptorSource(descriptor: descriptor), sink: &standardOutput)
        })
      {
      case .success(let recorded): outcome = recorded
      case .failure(let error):
        standardError.writeLine("\(file): cannot open: \(error.description)")
        return .unreadable
      }
    }
    switch outcome {
    case .recorded:
      return .success
    case .failed(let failure):
      standardError.writeLine(failure.message(file: file == "-" ? "<stdin>" : file))
      return ExitStatus(failure)
    }
  }
}
