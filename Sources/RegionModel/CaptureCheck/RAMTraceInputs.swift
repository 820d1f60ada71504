/// The inputs of the trace given to `check --calls-only --ram`: what
/// happened before the capture's first call (normally the `ramblock add`
/// records `regionsim import` writes). Output lines are ignored.
public struct RAMTraceInputs: Sendable {
  /// Each input with its line.
  public var inputs: [(line: Int, input: TraceInput)]

  /// Reads the inputs of `source`.
  public static func read(_ source: some ByteSource) throws(TraceFailure) -> RAMTraceInputs {
    var reader = LineReader(source: source)
    var inputs: [(line: Int, input: TraceInput)] = []
    var sawHeader = false
    while true {
      let parsed: Result<(Int, TraceLine), TraceError>?
      do throws(LineReadError) {
        parsed = try reader.nextLine { bytes, number in
          do throws(TraceSyntaxError) {
            return .success((number, try TraceLineParser.parse(bytes)))
          } catch {
            return .failure(TraceError(line: number, message: error.message))
          }
        }
      } catch {
        throw TraceFailure(error)
      }
      switch parsed {
      case nil:
        guard sawHeader else {
          throw .invalid(
            TraceError(line: max(reader.lineNumber, 1), message: "no 'blkio-trace 1' header"))
        }
        return RAMTraceInputs(inputs: inputs)
      case .failure(let error)?:
        throw .invalid(error)
      case .success((let number, let line))?:
        switch line {
        case .nothing, .variantPin, .output: continue
        case .header: sawHeader = true
        case .input(let input):
          guard sawHeader else {
            throw .invalid(
              TraceError(line: number, message: "an input before the 'blkio-trace 1' header"))
          }
          inputs.append((number, input))
        }
      }
    }
  }
}
