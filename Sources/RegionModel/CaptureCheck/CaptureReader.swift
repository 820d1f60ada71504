/// Reads a capture line by line: each line's number, what it holds and its
/// text (for reports), as a stream.
public struct CaptureReader<Source: ByteSource> {
  private var lines: LineReader<Source>

  public init(source: Source) { lines = LineReader(source: source) }

  /// The number of the last line read.
  public var lineNumber: Int { lines.lineNumber }

  /// The next line, nil at the end; a malformed line is an error naming it.
  public mutating func next() throws(TraceFailure) -> (
    line: Int, parsed: CaptureLine, text: String
  )? {
    let result: Result<(Int, CaptureLine, String), TraceError>?
    do throws(LineReadError) {
      result = try lines.nextLine { bytes, number in
        do throws(TraceSyntaxError) {
          let text = String(decoding: bytes, as: UTF8.self)
          return .success((number, try CaptureLineParser.parse(bytes), text))
        } catch {
          return .failure(TraceError(line: number, message: error.message))
        }
      }
    } catch {
      throw TraceFailure(error)
    }
    switch result {
    case nil: return nil
    case .success(let line)?: return line
    case .failure(let error)?: throw .invalid(error)
    }
  }
}
