package org.nash.cli.retrain;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nash.NashException;
import org.nash.retrain.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nash doctor}: can the retraining oracles use the requested device, and if not, the fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check DJL's engine, libtorch version and flavour, CUDA devices and cuDNN; print the exact fix (docs/GPU.md).")
public final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--device", defaultValue = "gpu", description = "the device to check: cpu or gpu (default gpu)")
  String device;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!device.equals("cpu") && !device.equals("gpu")) {
      throw new NashException("--device must be cpu or gpu, got '" + device + "'");
    }
    Doctor.Report r = Doctor.diagnose(Doctor.gather(), device.equals("gpu"));
    PrintWriter out = spec.commandLine().getOut();
    r.lines().forEach(out::println);
    out.flush();
    if (!r.ready()) {
      throw new NashException("--device " + device + " cannot be used yet; see the fix above (docs/GPU.md)");
    }
    return 0;
  }
}
