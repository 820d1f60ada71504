#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens a trace named on the command line for reading.
enum TraceFileOpener {
  /// Runs `body` on an open descriptor of `path`, closing it afterwards.
  static func withDescriptor<R>(path: String, _ body: (Int32) -> R) -> Result<R, ReadError> {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return .failure(ReadError(code: errno)) }
    defer { close(descriptor) }
    return .success(body(descriptor))
  }
}
