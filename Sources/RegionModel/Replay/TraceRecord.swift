/// `record` of one trace, streamed: copies every line but the output lines
/// as given, and after each input writes the model's outputs in canonical
/// form (its calls in order, then its result if it yields one).
public enum TraceRecord {
  /// Records the trace `source` holds into `sink`.
  public static func run(
    source: some ByteSource, sink: inout some TextSink, variant: DriverVariant = .seed
  ) -> RecordOutcome {
    let newline = UInt8(ascii: "\n")
    var scratch: [UInt8] = []
    let replayed = TraceStream.replay(source: source, variant: variant) { step, _, line in
      if case .output = step { return }
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: line)
      scratch.append(newline)
      if case .input(_, let output) = step {
        for call in output.calls {
          CanonicalForm.append(.call(call), to: &scratch)
          scratch.append(newline)
        }
        if let result = output.result {
          CanonicalForm.append(.result(result), to: &scratch)
          scratch.append(newline)
        }
      }
      sink.write(scratch)
    }
    switch replayed {
    case .failure(let failure): return .failed(failure)
    case .success(let summary): return .recorded(inputs: summary.inputs)
    }
  }
}
