// Rank statistics for the consistency and anomaly tables.
#ifndef EMBER_ANALYSIS_STATISTICS_HPP
#define EMBER_ANALYSIS_STATISTICS_HPP

#include <vector>

namespace ember::analysis {

// Ranks 1..n, ties sharing their mean rank.
std::vector<double> average_ranks(const std::vector<double>& values);

// Spearman's rho: the Pearson correlation of the average ranks. NaN when either side is constant or the
// sizes differ or are below 2.
double spearman(const std::vector<double>& a, const std::vector<double>& b);

// Area under the ROC curve of `scores` (higher = more anomalous) for 0/1 `labels` (Mann-Whitney U with
// ties counted half). NaN when one class is missing.
double auroc(const std::vector<double>& scores, const std::vector<int>& labels);

// The q-quantile (0..1) with linear interpolation; NaN for an empty vector.
double quantile(std::vector<double> values, double q);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_STATISTICS_HPP
