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

// MARK: - A file or standard input

extension TraceFileOpener {
  /// Runs `body` on `input` for `-`, else on `path` opened for reading; a
  /// file that cannot be opened is `.cannotOpen`. For the commands whose
  /// files are read off the replay path (the existential source costs a
  /// dynamic call per chunk).
  static func withSource<R>(
    path: String, input: some ByteSource, _ body: (any ByteSource) -> Result<R, TraceFailure>
  ) -> Result<R, TraceFailure> {
    if path == "-" { return body(input) }
    switch withDescriptor(path: path, { body(FileDescriptorSource(descriptor: $0)) }) {
    case .success(let result): return result
    case .failure(let error): return .failure(.cannotOpen(error))
    }
  }

  /// The largest file read whole (a monitor's reply is a few KiB); more is
  /// refused rather than read without end (`/dev/zero`).
  static let largestWholeFile = 16 << 20

  /// The bytes of `path` (`-`: of `input`), at most ``largestWholeFile``.
  static func readAll(path: String, input: some ByteSource) -> Result<[UInt8], TraceFailure> {
    withSource(path: path, input: input) { source in
      var source = source
      do throws(ReadError) {
        guard let bytes = try source.readAll(limit: largestWholeFile) else {
          return .failure(
            .invalid(
              TraceError(
                line: 1, message: "longer than \(largestWholeFile >> 20) MiB: not a monitor reply"))
          )
        }
        return .success(bytes)
      } catch {
        return .failure(.unreadable(error, line: 1))
      }
    }
  }
}
