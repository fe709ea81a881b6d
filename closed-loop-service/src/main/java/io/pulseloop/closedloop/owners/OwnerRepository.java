package io.pulseloop.closedloop.owners;

import org.springframework.data.mongodb.repository.MongoRepository;

interface OwnerRepository extends MongoRepository<Owner, String> {
}
