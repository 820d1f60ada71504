/// `regionsim shrink FILE (--hazard CODE | --until-mismatch) [--variant NAME]`:
/// the arguments and the file; the shrinking is ``TraceShrink``'s.
enum ShrinkCommand {
  static func run(
    _ arguments: [String],
    standardInput: inout some ByteSource,
    standardOutput: inout some TextSink,
    standardError: inout some TextSink
  ) -> ExitStatus {
    let parsed: ParsedArguments
    let variant: DriverVariant
    let hazard: HazardCode?
    do throws(UsageError) {
      parsed = try ParsedArguments(arguments, command: .shrink)
      variant = try parsed.variant(command: "shrink")
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
      standardError.writeLine(error.message)
      return .usage
    }
    let file = parsed.operands[0]
    let name = file == "-" ? "<stdin>" : file
    let read: Result<([TraceShrink.Entry], DriverVariant), TraceFailure>
    if file == "-" {
      read = TraceShrink.entries(of: standardInput, variant: variant)
    } else {
      switch TraceFileOpener.withDescriptor(
        path: file,
        { descriptor in
          TraceShrink.entries(of: FileDescriptorSource(descriptor: descriptor), variant: variant)
        })
      {
      case .success(let result): read = result
      case .failure(let error): read = .failure(.cannotOpen(error))
      }
    }
    switch read {
    case .failure(let failure):
      standardError.writeLine(failure.message(file: name))
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
          standardError.writeLine(
            "shrink: \(progress.inputs) inputs left, \(progress.candidates) candidates tried")
          standardError.flush()
        }
      } else {
        shrunk = TraceShrink.toMismatch(entries, variant: effective, file: name)
      }
      switch shrunk {
      case .success(let text):
        standardOutput.write(text)
        return .success
      case .failure(let notShown):
        standardError.writeLine(notShown.message)
        return .mismatch
      }
    }
  }
}
