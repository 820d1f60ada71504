#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the files `explore` produces.
enum FileWriter {
  /// Creates `path` as a folder, and the folders above it that are
  /// missing, as `mkdir -p` does; nil when it exists (as a folder) or was
  /// made, else strerror's text.
  static func makeFolder(_ path: String) -> String? {
    var status = stat()
    if stat(path, &status) == 0 {
      return status.st_mode & S_IFMT == S_IFDIR ? nil : String(cString: strerror(ENOTDIR))
    }
    if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
      if let problem = makeFolder(String(path[..<slash])) { return problem }
    }
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
