// MARK: - Opening and closing

extension BlkioNode {
  /// Opens a node on a fresh fake libblkio instance.
  ///
  /// Models the mapping-related part of the seed's `blkio_file_open()`: read
  /// `needs-mem-regions`, `needs-mem-region-fd` and `mem-region-alignment`;
  /// read `mem-regions-pinned`, falling back to `needs-mem-regions` when the
  /// property does not exist; if pinned, `ram_block_discard_disable(true)`
  /// (failing the open on error); then `blkio_start()`, undoing the discard
  /// disable when it fails. A failed open destroys the instance.
  ///
  /// `merged` and `fixed` read `may-pin-mem-regions` instead, as QEMU's
  /// merged driver does.
  ///
  /// `watchesHazards` false (no hazard checker) opens an instance whose
  /// record of mapped regions answers only libblkio's own questions.
  public static func open(
    properties: BlkioProperties, variant: DriverVariant = .seed, discard: inout DiscardManager,
    memory: inout FakeMemory, ram: RAMMap = RAMMap(), watchesHazards: Bool = true,
    log: inout CallLog
  ) throws(QEMUError) -> BlkioNode {
    var blkio = FakeBlkio(properties: properties, answersRangeQuestions: watchesHazards)
    let pinProperty =
      variant.readsMayPinMemRegions ? properties.mayPinMemRegions : properties.memRegionsPinned
    let pinned = pinProperty ?? properties.needsMemRegions
    if pinned {
      let ret = discard.disable(true)
      log.record(.discardDisable(ret))
      if case .failure(let errno) = ret {
        throw QEMUError("ram_block_discard_disable() failed", errno: errno)
      }
    }
    do {
      try blkio.start(memory: &memory, ram: ram)
    } catch {
      if pinned {
        _ = discard.disable(false)
        log.record(.discardEnable)
      }
      throw QEMUError("blkio_start failed: " + error.message, errno: error.errno)
    }
    return BlkioNode(
      blkio: blkio, needsMemRegions: properties.needsMemRegions,
      needsMemRegionFD: properties.needsMemRegionFD,
      memRegionAlignment: properties.memRegionAlignment, memRegionsPinned: pinned,
      variant: variant)
  }

  /// Closes the node.
  ///
  /// Models the seed's `blkio_close()`: `blkio_destroy()` drops every mapping
  /// without unmap calls, then `ram_block_discard_disable(false)` if pinned.
  public consuming func close(discard: inout DiscardManager, log: inout CallLog) {
    if memRegionsPinned {
      _ = discard.disable(false)
      log.record(.discardEnable)
    }
  }
}
