// MARK: - detect-zeroes and zero writes (U2)

extension Simulation {
  /// A write of all-zero data that a node's `detect-zeroes` turned into a
  /// zero write, as `bdrv_aligned_pwritev()` (`block/io.c`) does when the
  /// node has the option and the data is all zeroes. Before 3c5867156e the
  /// flag stayed set and `bdrv_co_do_pwrite_zeroes()` refused it with
  /// -EINVAL, failing the guest's write before any I/O (U2); since then it
  /// is cleared there, and the zero write goes down the graph without a
  /// buffer to `blkio_co_pwrite_zeroes()` (`blkioq_write_zeroes()`), which
  /// maps nothing and bounces nothing.
  mutating func startZeroWrite(
    _ id: NameID, backend: NameID, at node: NameID, flagged: Bool, target: NameID, size: UInt64,
    log: inout CallLog
  ) {
    if flagged, !variant.clearsFlagOnDetectedZeroes {
      if hazards != nil {
        let detail =
          formatsHazardDetails
          ? "request '\(requestName(id))': detect-zeroes on '\(nodeName(node))' made it a zero "
            + "write that kept BDRV_REQ_REGISTERED_BUF, and bdrv_co_do_pwrite_zeroes() refused it"
          : ""
        hazards?.flag(.zeroWriteFlagged, detail)
      }
      names.releaseLater(id, in: .request)
      log.record(.done(request: id, ret: .failure(.EINVAL)))
      return
    }
    admit(
      IORequest(id: id, kind: .zeroWrite, node: target, host: 0, size: size, state: .waiting),
      from: backend)
    submit(id, buffer: IOBuffer(addr: 0, len: size, bounce: false, zeroes: true), log: &log)
    runWakeups(log: &log)
  }
}
