/// `record` of one trace, streamed: copies every line but the output lines
/// as given, and after each input writes the model's outputs in canonical
/// form (its calls in order, then its result if it yields one).
public enum TraceRecord {
  /// Records the trace `source` holds into `sink`.
  public static func run(
    source: some ByteSource, sink: inout some TextSink, variant: DriverVariant = .seed,
    readAhead: ReadAhead = .whenSafe
  ) -> RecordOutcome {
    let newline = [UInt8(ascii: "\n")]
    let crlf = [ByteClass.carriageReturn, UInt8(ascii: "\n")]
    var validator = OutputLineValidator()
    let replayed = TraceStream.replay(source: source, variant: variant, readAhead: readAhead) {
      (replayer, kind, number, line) throws(TraceError) in
      switch kind {
      case .output(let recordStart):
        // Not copied, but it must still be a valid record.
        try validator.check(line, recordStart: recordStart, number: number, replayer: &replayer)
      case .nothing:
        sink.write(line)
        newline.withUnsafeBufferPointer { sink.write($0) }
      case .input:
        validator.startInput()
        sink.write(line)
        newline.withUnsafeBufferPointer { sink.write($0) }
        replayer.outputs.withBytes { outputs in
          // A CRLF trace keeps its line ends: the outputs of an input whose
          // line ends in a carriage return get one too.
          guard line.last == ByteClass.carriageReturn else { return sink.write(outputs) }
          for output in outputs.split(separator: UInt8(ascii: "\n")) {
            sink.write(UnsafeBufferPointer(rebasing: output))
            crlf.withUnsafeBufferPointer { sink.write($0) }
          }
        }
      }
    }
    switch replayed {
    case .failure(let failure): return .failed(failure)
    case .success(let summary): return .recorded(inputs: summary.inputs)
    }
  }
}
