/// `record` of one trace, streamed: copies every line but the output lines
/// as given, and after each input writes the model's outputs in canonical
/// form (its calls in order, then its result if it yields one).
public enum TraceRecord {
  /// Records the trace `source` holds into `sink`.
  public static func run(source: some ByteSource, sink: inout some TextSink) -> RecordOutcome {
    var reader = LineReader(source: source)
    var replayer = TraceReplayer()
    var scratch: [UInt8] = []
    while true {
      let stepResult: Result<Void, TraceError>?
      do throws(LineReadError) {
        stepResult = try reader.nextLine { line, number -> Result<Void, TraceError> in
          let step: ReplayStep
          do throws(TraceError) {
            step = try replayer.step(line, number: number)
          } catch {
            return .failure(error)
          }
          switch step {
          case .output:
            break
          case .nothing:
            sink.write(line)
            sink.write(newline)
          case .input(_, let output):
            sink.write(line)
            sink.write(newline)
            scratch.removeAll(keepingCapacity: true)
            for call in output.calls {
              CanonicalForm.append(.call(call), to: &scratch)
              scratch.append(UInt8(ascii: "\n"))
            }
            if let result = output.result {
              CanonicalForm.append(.result(result), to: &scratch)
              scratch.append(UInt8(ascii: "\n"))
            }
            sink.write(scratch)
          }
          return .success(())
        }
      } catch {
        switch TraceCheck.outcome(of: error) {
        case .unreadable(let readError, let line): return .unreadable(readError, line: line)
        case .invalid(let traceError): return .invalid(traceError)
        default: return .invalid(TraceError(line: reader.lineNumber, message: "unreadable line"))
        }
      }
      switch stepResult {
      case nil:
        do {
          try replayer.finish(lastLine: reader.lineNumber)
        } catch {
          return .invalid(error)
        }
        return .recorded(inputs: replayer.inputCount)
      case .failure(let error)?:
        return .invalid(error)
      case .success?:
        continue
      }
    }
  }

  private static let newline: [UInt8] = [UInt8(ascii: "\n")]
}
