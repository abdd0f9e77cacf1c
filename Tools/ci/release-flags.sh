# Sourced (bash): the one set of release-build flags CI's release lanes share, so that the first
# lane to build (gpio-sim) compiles qdot once and the soak and the link lane find it built.
#   -c release               the loop's real speed (the soak runs 10⁹ cycles, the link simulates
#                            both nodes' sources);
#   --static-swift-stdlib    the gpio-sim guest has no Swift runtime to load;
#   --traits KeyDeliveryTLS  the link lane's ETSI 014 endpoint over mutual TLS (it enables Service
#                            too). Until this file, gpio-sim and the soak built without traits and the
#                            link lane built again with this one: 461 s cold, every qdot module
#                            recompiled for the trait's flag.
QDOT_RELEASE_FLAGS=(-c release --static-swift-stdlib --traits KeyDeliveryTLS)
