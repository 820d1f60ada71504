#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the files `explore` produces.
enum FileWriter {
  /// Creates `path` as a folder unless it exists; the error is strerror's.
  static func makeFolder(_ path: String) -> String? {
    if mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
    return String(cString: strerror(errno))
  }

  /// Writes `text` to `path`, replacing it; the error is strerror's.
  static func write(_ text: String, to path: String) -> String? {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return String(cString: strerror(errno)) }
    defer { close(descriptor) }
    var sink = FileDescriptorSink(descriptor: descriptor)
    sink.write(text)
    sink.flush()
    return nil
  }
}
