/// `regionsim shrink FILE (--hazard CODE | --until-mismatch) [--variant NAME]`:
/// the arguments and the file; the shrinking is ``TraceShrink``'s.
enum ShrinkCommand {
  static func run<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    _ parsed: ParsedArguments, variant: DriverVariant, io: inout CommandIO<Input, Output, Errors>
  ) -> ExitStatus {
    let hazard: HazardCode?
    do throws(UsageError) {
      hazard = try parsed.values["--hazard"].map { (name) throws(UsageError) -> HazardCode in
        guard let code = HazardCode(rawValue: name) else {
          throw UsageError(
            "regionsim shrink: unknown hazard code '\(name)'"
              + ClosestName.hint(name, among: HazardCode.allCases.map(\.rawValue))
              + "; codes: " + HazardCode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return code
      }
      guard parsed.operands.count == 1 else {
        throw UsageError("regionsim shrink: give exactly one trace (or '-')")
      }
      guard (hazard != nil) != parsed.flags.contains("--until-mismatch") else {
        throw UsageError("regionsim shrink: give either --hazard CODE or --until-mismatch")
      }
    } catch {
      io.errors.writeLine(error.message)
      return .usage
    }
    let file = parsed.operands[0]
    let name = file == "-" ? "<stdin>" : file
    let read = TraceFileOpener.withSource(path: file, input: io.input) { source in
      TraceShrink.entries(of: source, variant: variant)
    }
    switch read {
    case .failure(let failure):
      io.errors.writeLine(failure.message(file: name))
      return ExitStatus(failure)
    case .success(let (entries, effective)):
      let shrunk: Result<String, TraceShrink.NotShown>
      if let hazard {
        let clock = ContinuousClock()
        var lastReport = clock.now
        shrunk = TraceShrink.toHazard(
          entries, hazard: hazard, variant: effective, file: name
        ) { progress in
          let now = clock.now
          guard now - lastReport >= .seconds(1) else { return }
          lastReport = now
          io.errors.writeLine(
            "shrink: \(progress.inputs) inputs left, \(progress.candidates) candidates tried")
          io.errors.flush()
        }
      } else {
        shrunk = TraceShrink.toMismatch(entries, variant: effective, file: name)
      }
      switch shrunk {
      case .success(let text):
        io.output.write(text)
        return .success
      case .failure(let notShown):
        io.errors.writeLine(notShown.message)
        return .mismatch
      }
    }
  }
}
