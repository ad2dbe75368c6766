#include "ember/analysis/slice_images.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "ember/export/spawn.hpp"

namespace ember::analysis {
namespace {
// gnuplot's output is noise for the user; its exit status says whether the image was drawn.
exporters::SpawnOptions quiet() {
  exporters::SpawnOptions o;
  o.stdout_path = "/dev/null";
  o.stderr_path = "=stdout";
  return o;
}
}  // namespace

bool gnuplot_available() { return exporters::program_on_path("gnuplot"); }

std::vector<std::string> write_slice_images(const FmriResult& fmri, const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> written;
  const bool cairo = exporters::spawn_and_wait({"gnuplot", "-e", "set terminal pngcairo"}, quiet()).succeeded();
  for (const LayerFmri& layer : fmri.layers) {
    const std::uint32_t g = layer.layout.grid();
    const std::string name = "fmri_layer" + std::to_string(layer.layer);
    const fs::path data = fs::path(dir) / (name + ".dat.tmp");
    const fs::path script = fs::path(dir) / (name + ".gp.tmp");
    const fs::path image_tmp = fs::path(dir) / (name + ".png.tmp");
    const fs::path image = fs::path(dir) / (name + ".png");
    {
      std::ofstream out(data);
      for (std::uint32_t y = 0; y < g; ++y) {
        for (std::uint32_t x = 0; x < g; ++x) {
          const std::uint32_t v = y * g + x;
          if (layer.layout.voxel_neurons(v).empty())
            out << "NaN";
          else
            out << layer.voxel_mean_abs[v];
          out << (x + 1 < g ? ' ' : '\n');
        }
      }
    }
    {
      std::ofstream gp(script);
      gp << "set terminal " << (cairo ? "pngcairo" : "png") << " size 520,480\n"
         // The file names arrive as ARG1 and ARG2 (gnuplot -c), never pasted into the script, so no
         // folder name can end a gnuplot string and run a command of its own.
         << "set output ARG2\n"
         << "set title \"NN-fMRI layer " << layer.layer << ": mean |activation| per voxel\\n" << g << "x" << g
         << " grid, " << layer.neuron_mean_abs.size() << " neurons on a " << layer.layout.sheet_rows() << "x"
         << layer.layout.sheet_columns() << " sheet"
         << (layer.layout.empty_cells() ? " (" + std::to_string(layer.layout.empty_cells()) + " empty cells, white)"
                                        : std::string())
         << "\"\n"
         << "set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')\n"
         << "set size ratio -1\nset xrange [-0.5:" << g - 0.5 << "]\nset yrange [" << g - 0.5 << ":-0.5]\n"
         << "set xlabel 'voxel column'\nset ylabel 'voxel row'\nset cblabel 'mean |activation|'\n"
         << "plot ARG1 matrix with image notitle\n";
    }
    const bool drawn =
        exporters::spawn_and_wait({"gnuplot", "-c", script.string(), data.string(), image_tmp.string()}, quiet())
            .succeeded();
    fs::remove(data);
    fs::remove(script);
    if (!drawn || !fs::exists(image_tmp)) {
      fs::remove(image_tmp);
      throw std::runtime_error("gnuplot failed to draw " + image.string());
    }
    fs::rename(image_tmp, image);
    written.push_back(image.string());
  }
  return written;
}

}  // namespace ember::analysis
