/// `regionsim import --ramblock FILE [--memdev FILE] [--capture FILE]
/// [--out TRACE]`: the RAM map of a running QEMU as `ramblock add` records.
enum ImportCommand {
  static func run<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    _ parsed: ParsedArguments, io: inout CommandIO<Input, Output, Errors>
  ) -> ExitStatus {
    guard parsed.operands.isEmpty else {
      io.errors.writeLine(
        "regionsim import: unexpected '\(parsed.operands[0])'; usage: regionsim import "
          + "--ramblock FILE [--memdev FILE] [--capture FILE] [--out TRACE]")
      return .usage
    }
    guard let listingPath = parsed.values["--ramblock"] else {
      io.errors.writeLine(
        "regionsim import: --ramblock FILE is needed (the output of 'info ramblock' or the reply "
          + "to x-query-ramblock); see 'regionsim help import'")
      return .usage
    }
    // The listing and the memdevs are small: read whole.
    let layout: RAMBlockListing.Layout
    let blocks: [ListedRAMBlock]
    switch TraceFileOpener.readAll(path: listingPath, input: &io.input) {
    case .failure(let failure):
      io.errors.writeLine(failure.message(file: listingPath))
      return ExitStatus(failure)
    case .success(let bytes):
      do throws(TraceError) {
        (layout, blocks) = try RAMBlockListing.parse(bytes)
      } catch {
        io.errors.writeLine(TraceFailure.invalid(error).message(file: listingPath))
        return .invalidTrace
      }
    }
    var memdevs: [ListedMemdev] = []
    if let memdevPath = parsed.values["--memdev"] {
      switch TraceFileOpener.readAll(path: memdevPath, input: &io.input) {
      case .failure(let failure):
        io.errors.writeLine(failure.message(file: memdevPath))
        return ExitStatus(failure)
      case .success(let bytes):
        do throws(TraceError) {
          memdevs = try MemdevListing.parse(bytes)
        } catch {
          io.errors.writeLine(TraceFailure.invalid(error).message(file: memdevPath))
          return .invalidTrace
        }
      }
    }
    var captured: CapturedGuestMaps?
    if let capturePath = parsed.values["--capture"] {
      let result = TraceFileOpener.withDescriptor(path: capturePath) { descriptor in
        Result { () throws(TraceFailure) in
          try CapturedGuestMaps.read(FileDescriptorSource(descriptor: descriptor))
        }
      }
      switch result {
      case .failure(let error):
        io.errors.writeLine(TraceFailure.cannotOpen(error).message(file: capturePath))
        return .unreadable
      case .success(.failure(let failure)):
        io.errors.writeLine(failure.message(file: capturePath))
        return ExitStatus(failure)
      case .success(.success(let maps)):
        captured = maps
      }
    }
    let (text, warnings) = RAMImport.trace(
      layout: layout, blocks: blocks, memdevs: memdevs, captured: captured,
      sources: RAMImport.Sources(
        listing: listingPath, memdev: parsed.values["--memdev"],
        capture: parsed.values["--capture"]))
    for warning in warnings { io.errors.writeLine("regionsim import: " + warning) }
    if blocks.isEmpty {
      io.errors.writeLine("regionsim import: \(listingPath): the listing has no RAMBlock")
    }
    guard let out = parsed.values["--out"] else {
      io.output.write(text + "\n")
      return .success
    }
    if let problem = FileWriter.write(text + "\n", to: out) {
      io.errors.writeLine("regionsim import: cannot write \(out): \(problem)")
      return .cannotCreate
    }
    return .success
  }
}
