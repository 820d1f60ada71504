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

// MARK: - Whole files

extension TraceFileOpener {
  /// The largest file read whole (a monitor's reply is a few KiB); more is
  /// refused rather than read without end (`/dev/zero`).
  static let largestWholeFile = 16 << 20

  /// The bytes of `path` (`-`: of `input`), at most ``largestWholeFile``.
  static func readAll(path: String, input: inout some ByteSource) -> Result<[UInt8], TraceFailure> {
    func drain(_ source: inout some ByteSource) -> Result<[UInt8], TraceFailure> {
      var bytes: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count: Int
        do throws(ReadError) {
          count = try chunk.withUnsafeMutableBufferPointer { buffer throws(ReadError) in
            try source.read(into: buffer)
          }
        } catch {
          return .failure(.unreadable(error, line: 1))
        }
        if count == 0 { return .success(bytes) }
        bytes += chunk[..<count]
        if bytes.count > largestWholeFile {
          return .failure(
            .invalid(
              TraceError(
                line: 1, message: "longer than \(largestWholeFile >> 20) MiB: not a monitor reply"))
          )
        }
      }
    }
    if path == "-" { return drain(&input) }
    switch withDescriptor(
      path: path,
      { descriptor in
        var source = FileDescriptorSource(descriptor: descriptor)
        return drain(&source)
      })
    {
    case .success(let result): return result
    case .failure(let error): return .failure(.cannotOpen(error))
    }
  }
}
