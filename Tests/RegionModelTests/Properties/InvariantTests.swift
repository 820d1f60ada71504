import RegionModel
import Testing

/// The model's state stays coherent (``Simulation/checkInvariants()``)
/// after every input of every generator, under every variant; a broken
/// rule traps with its name. The other property tests call the same check
/// after each input they apply.
@Suite struct InvariantTests {
  @Test(arguments: DriverVariant.allCases)
  func theModelStaysCoherentAfterEveryInput(variant: DriverVariant) {
    for seed in UInt64(0)..<25 {
      for inputs in PropertyCheck.scenarios(seed: seed, steps: 50, variant: variant) {
        var simulation = Simulation(variant: variant, watchesHazards: true)
        simulation.checkInvariants()
        for input in inputs {
          guard (try? simulation.apply(input)) != nil else { continue }
          simulation.checkInvariants()
        }
      }
    }
  }
}
