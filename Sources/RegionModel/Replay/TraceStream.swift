/// Reads a trace as a stream and replays it line by line: the shared first
/// half of `check` and `record` (trace text → records → model).
public enum TraceStream {
  /// How far a replay got.
  public struct Summary: Hashable, Sendable {
    /// The number of lines read.
    public var lines: Int
    /// The number of inputs replayed.
    public var inputs: Int
    /// The variant the trace ran under (its pin, or the one asked for).
    public var variant: DriverVariant
  }

  /// Replays every line of `source`, handing each replayed line to
  /// `consume` with its number and bytes (valid only during the call).
  public static func replay(
    source: some ByteSource, variant: DriverVariant = .seed, watchesHazards: Bool = false,
    _ consume: (ReplayStep, Int, UnsafeBufferPointer<UInt8>) -> Void
  ) -> Result<Summary, TraceFailure> {
    var reader = LineReader(source: source)
    var replayer = TraceReplayer(variant: variant, watchesHazards: watchesHazards)
    while true {
      let stepResult: Result<Void, TraceError>?
      do throws(LineReadError) {
        stepResult = try reader.nextLine { line, number -> Result<Void, TraceError> in
          do throws(TraceError) {
            consume(try replayer.step(line, number: number), number, line)
            return .success(())
          } catch {
            return .failure(error)
          }
        }
      } catch {
        return .failure(TraceFailure(error))
      }
      switch stepResult {
      case nil:
        do {
          try replayer.finish(lastLine: reader.lineNumber)
        } catch {
          return .failure(.invalid(error))
        }
        return .success(
          Summary(
            lines: reader.lineNumber, inputs: replayer.inputCount,
            variant: replayer.simulation.variant))
      case .failure(let error)?:
        return .failure(.invalid(error))
      case .success?:
        continue
      }
    }
  }
}
