/// Why ``BlockGraph`` refused an edit. The graph knows nodes by id only;
/// the simulation names them in the ``SimulationError`` it throws
/// (``Simulation/graphError(_:parent:child:)``), so an edit that succeeds
/// never touches the names.
enum GraphEditRefusal: Error {
  /// The child is already a child of the parent.
  case childExists
  /// The parent can be reached from the child.
  case cycle
  /// The parent has more than ``BlockGraph/maximumAncestors`` ancestors.
  case tooManyAncestors
  /// One registration would visit more than ``BlockGraph/maximumVisits``
  /// nodes.
  case graphTooLarge
  /// The child is not a child of the parent.
  case notAChild
}
