// Umbrella header of the Ember runtime (C++). Firmware in C includes "ember/ember.h" instead.
#ifndef EMBER_EMBER_HPP
#define EMBER_EMBER_HPP

#include "ember/activation.hpp"
#include "ember/blob_format.hpp"
#include "ember/crc32.hpp"
#include "ember/model.hpp"
#include "ember/status.hpp"

#endif  // EMBER_EMBER_HPP
