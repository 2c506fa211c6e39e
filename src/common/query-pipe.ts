import { ValidationPipe } from '@nestjs/common';

/**
 * For `@Query()` DTOs: query strings arrive as text, and this pipe hands the route the DTO's numbers, its defaults
 * included (the global pipe has validated them already, with the API's error shape).
 */
export const QUERY_PIPE = new ValidationPipe({ transform: true });
