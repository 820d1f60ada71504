/// `regionsim record [--variant NAME] FILE`.
enum RecordCommand {
  static func run(
    _ arguments: [String],
    standardInput: inout some ByteSource,
    standardOutput: inout some TextSink,
    standardError: inout some TextSink
  ) -> ExitStatus {
    guard
      let (parsed, variant) = ParsedArguments.parse(
        arguments, command: .record, errors: &standardError)
    else { return .usage }
    guard parsed.operands.count == 1, let file = parsed.operands.first else {
      standardError.writeLine(
        "regionsim record: give exactly one trace (or '-'); usage: regionsim record FILE")
      return .usage
    }
    let outcome: RecordOutcome
    if file == "-" {
      outcome = TraceRecord.run(source: standardInput, sink: &standardOutput, variant: variant)
    } else {
      switch TraceFileOpener.withDescriptor(
        path: file,
        { descriptor in
          TraceRecord.run(
            source: FileDescriptorSource(descriptor: descriptor), sink: &standardOutput,
            variant: variant)
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
