/// `regionsim record [--variant NAME] FILE`.
enum RecordCommand {
  static func run<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    _ parsed: ParsedArguments, variant: DriverVariant, io: inout CommandIO<Input, Output, Errors>
  ) -> ExitStatus {
    guard parsed.operands.count == 1, let file = parsed.operands.first else {
      io.errors.writeLine(
        "regionsim record: give exactly one trace (or '-'); usage: regionsim record FILE")
      return .usage
    }
    let outcome: RecordOutcome
    if file == "-" {
      outcome = TraceRecord.run(source: io.input, sink: &io.output, variant: variant)
    } else {
      switch TraceFileOpener.withDescriptor(
        path: file,
        { descriptor in
          TraceRecord.run(
            source: FileDescriptorSource(descriptor: descriptor), sink: &io.output,
            variant: variant)
        })
      {
      case .success(let recorded): outcome = recorded
      case .failure(let error):
        io.errors.writeLine(TraceFailure.cannotOpen(error).message(file: file))
        return .unreadable
      }
    }
    switch outcome {
    case .recorded:
      return .success
    case .failed(let failure):
      io.errors.writeLine(failure.message(file: file == "-" ? "<stdin>" : file))
      return ExitStatus(failure)
    }
  }
}
