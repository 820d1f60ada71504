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
    func load<T>(_ path: String, _ parse: ([UInt8]) throws(TraceError) -> T) -> Result<
      T, TraceFailure
    > {
      TraceFileOpener.readAll(path: path, input: io.input).flatMap { bytes in
        do throws(TraceError) {
          return .success(try parse(bytes))
        } catch {
          return .failure(.invalid(error))
        }
      }
    }
    func failed(_ failure: TraceFailure, _ path: String) -> ExitStatus {
      io.errors.writeLine(failure.message(file: path))
      return ExitStatus(failure)
    }
    let layout: RAMBlockListing.Layout
    let blocks: [ListedRAMBlock]
    switch load(listingPath, RAMBlockListing.parse) {
    case .failure(let failure): return failed(failure, listingPath)
    case .success(let listing): (layout, blocks) = listing
    }
    var memdevs: [ListedMemdev] = []
    if let memdevPath = parsed.values["--memdev"] {
      switch load(memdevPath, MemdevListing.parse) {
      case .failure(let failure): return failed(failure, memdevPath)
      case .success(let listed): memdevs = listed
      }
    }
    var captured: CapturedGuestMaps?
    if let capturePath = parsed.values["--capture"] {
      let read = TraceFileOpener.withSource(path: capturePath, input: io.input) { source in
        Result { () throws(TraceFailure) in try CapturedGuestMaps.read(source) }
      }
      switch read {
      case .failure(let failure): return failed(failure, capturePath)
      case .success(let maps): captured = maps
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
