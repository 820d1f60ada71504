// The libFuzzer entry of scripts/fuzz-capture: every reader of a capture
// and of the monitor's output, on the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // The capture check, with a small RAM map, over the bytes as a capture.
  guard
    let ram = try? RAMTraceInputs.read(
      MemorySource("blkio-trace 1\nramblock add a host=0x7f0000000000 max=1M fd=3\n"))
  else { preconditionFailure("the fuzzer's RAM trace is valid") }
  if let held = try? CallsOnlyCheck.survey(MemorySource(bytes)).heldBack {
    _ = CallsOnlyCheck.run(capture: MemorySource(bytes), ram: ram, heldBack: held, variant: .merged)
    { _ in }
  }
  _ = try? CapturedGuestMaps.read(MemorySource(bytes))
  // The monitor's formats.
  _ = try? RAMBlockListing.parse(bytes)
  _ = try? MemdevListing.parse(bytes)
  return 0
}
