import RegionModel

/// Runs the `regionsim` command line on files in memory for the capture
/// tests.
enum CaptureTestSupport {
  /// A folder of its own under /tmp for one test's files.
  static func folder(_ name: String) -> String {
    let path = "/tmp/regionsim-capture-tests-\(getpid())-\(name)"
    _ = system("mkdir -p '\(path)'")
    return path
  }

  /// Writes `text` to `path`.
  static func write(_ text: String, to path: String) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(descriptor >= 0, "cannot write \(path)")
    var sink = FileDescriptorSink(descriptor: descriptor)
    sink.write(text)
    sink.flush()
    close(descriptor)
  }

  /// Runs `regionsim ARGUMENTS` and returns its status, output and errors.
  static func run(_ arguments: [String], stdin: String = "") -> (Int32, String, String) {
    var input = MemorySource(stdin)
    var output = MemorySink()
    var errors = MemorySink()
    let status = RegionSimCommand.run(
      arguments: arguments, standardInput: &input, standardOutput: &output,
      standardError: &errors)
    return (status, output.text, errors.text)
  }

  /// Checks the capture `text` against the RAM trace `ram` with the
  /// library (no files).
  static func check(_ text: String, ram: String, variant: DriverVariant = .merged)
    -> CallsOnlyOutcome
  {
    let inputs: RAMTraceInputs
    do {
      inputs = try RAMTraceInputs.read(MemorySource(ram))
    } catch {
      return .invalidCapture(error)
    }
    let held: Set<String>
    do {
      held = try CallsOnlyCheck.survey(MemorySource(text)).heldBack
    } catch {
      return .invalidCapture(error)
    }
    return CallsOnlyCheck.run(
      capture: MemorySource(text), ram: inputs, heldBack: held, variant: variant
    ) { _ in }
  }
}

#if canImport(Glibc)
  import Glibc
#endif
