/// One call the blkio driver makes out of itself: into libblkio or into the
/// RAM-discard manager. The ordered list of these is the model's output.
public enum Call: Hashable, Sendable {
  /// `blkio_map_mem_region()` with the region and what it returned.
  case map(MemRegion, ReturnValue)
  /// `blkio_unmap_mem_region()` with the region.
  case unmap(MemRegion)
  /// `ram_block_discard_disable(true)` and what it returned.
  case discardDisable(ReturnValue)
  /// `ram_block_discard_disable(false)`.
  case discardEnable
}
