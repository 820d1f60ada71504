#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens a trace named on the command line for reading.
enum TraceFileOpener {
  /// Runs `body` on an open descriptor of `path`, closing it afterwards.
  /// A folder is refused here (`EISDIR`), as `open(2)` takes it and only
  /// the first read would fail.
  static func withDescriptor<R>(path: String, _ body: (Int32) -> R) -> Result<R, ReadError> {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return .failure(ReadError(code: errno)) }
    defer { close(descriptor) }
    var status = stat()
    if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
      return .failure(ReadError(code: EISDIR))
    }
    return .success(body(descriptor))
  }
}
